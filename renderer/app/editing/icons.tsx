/**
 * Small line icons drawn inline: the studio's fonts (Debian's, in a kiosk or a
 * headless browser) have no glyph for a padlock or "duplicate", and an empty
 * box reads as a bug. Decorative: the buttons carry the words.
 */
const common = { width: 12, height: 12, viewBox: '0 0 12 12', fill: 'none', stroke: 'currentColor', strokeWidth: 1.4, 'aria-hidden': true } as const;

export function LockIcon() {
  return (
    <svg {...common}>
      <rect x="2" y="5.5" width="8" height="5.5" rx="1" />
      <path d="M4 5.5V3.8a2 2 0 0 1 4 0v1.7" />
    </svg>
  );
}

export function DuplicateIcon() {
  return (
    <svg {...common}>
      <rect x="1.5" y="3.5" width="6.5" height="7" rx="1" />
      <path d="M4 3.5V1.5h6.5v7H8" />
    </svg>
  );
}
