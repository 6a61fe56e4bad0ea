/** A titled panel of the studio window; the heading names the region for screen readers. */
import { useId, type ReactNode } from 'react';

export function Dock({ title, actions, children, className }: { title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  const headingId = useId();
  return (
    <section className={`dock ${className ?? ''}`} aria-labelledby={headingId}>
      <header className="dock-header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </header>
      <div className="dock-body">{children}</div>
    </section>
  );
}
