/**
 * Style sheets imported for their side effect (Vite bundles them beside the
 * script): a chart library's own CSS, a component family's rules.
 */
declare module '*.css';
