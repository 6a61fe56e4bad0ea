/** Says so when this window is not connected to the studio (every button would fail). */
import type { ConnectionState } from '../bridge/studio-client';

export function ConnectionBanner({ connection }: { connection: ConnectionState }) {
  if (connection === 'open') return null;
  const text = connection === 'connecting' ? 'Connecting to the studio…' : 'The connection to the studio was lost. Reconnecting…';
  return (
    <div className="banner banner-warn" role="status">
      {text}
    </div>
  );
}
