/**
 * Where the stream goes: each destination with its enabled switch and a status
 * chip from the 'output' events and health snapshots (connecting, live,
 * reconnecting n, failed), with the reason on its own line when there is one.
 * The local origin's watch link appears once it is live.
 */
import type { Destination } from '../../preload/contract';
import { Dock } from './Dock';
import { destinationChip } from './format';
import { StatusChip } from './StatusChip';
import { useStudio, useStudioView } from './studio-context';
import { Toggle } from './Toggle';
import { WatchLink } from './WatchLink';

export function DestinationsDock() {
  const { state } = useStudioView();
  if (!state) {
    return (
      <Dock title="Destinations">
        <p className="muted">Loading…</p>
      </Dock>
    );
  }
  return (
    <Dock title="Destinations" className="destinations-dock">
      {state.settings.destinations.length === 0 && <p className="muted">No destinations: add one in Settings.</p>}
      <ul className="list" aria-label="Destinations">
        {state.settings.destinations.map((d) => (
          <DestinationItem key={d.id} destination={d} />
        ))}
      </ul>
    </Dock>
  );
}

function DestinationItem({ destination: d }: { destination: Destination }) {
  const { api } = useStudio();
  const { state, outputs } = useStudioView();
  const streaming = state?.live.streaming ?? 'offline';
  const chip = destinationChip(d, outputs[d.id], streaming);
  const watchUrl = state?.live.watchUrl;
  return (
    <li className="list-row destination-row" data-destination-id={d.id}>
      <div className="row">
        <Toggle className="grow" checked={d.enabled} ariaLabel={`Send the stream to ${d.name}`} onToggle={(enabled) => api.setDestinationEnabled({ id: d.id, enabled })}>
          <span>{d.name}</span>
        </Toggle>
        {!chip.reason && <StatusChip chip={chip} label={d.name} />}
      </div>
      {chip.reason && <StatusChip chip={chip} label={d.name} />}
      {d.kind === 'local' && chip.tone === 'live' && watchUrl && <WatchLink url={watchUrl} />}
    </li>
  );
}
