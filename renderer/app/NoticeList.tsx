/** What the studio wants the streamer to see ('notice' events), until dismissed. */
import type { Notice } from './studio-store';

export function NoticeList({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss(id: number): void }) {
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices" aria-live="polite">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.level}`}>
          <span>{n.message}</span>
          <button type="button" className="link" aria-label={`Dismiss: ${n.message}`} onClick={() => onDismiss(n.id)}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
