/** Settings → Destinations: the ones there are (edit, reveal key, remove) and a form to add one. */
import type { Destination } from '../../preload/contract';
import { AddDestinationForm } from './AddDestinationForm';
import { DestinationEditor } from './DestinationEditor';

export function DestinationSettings({ destinations }: { destinations: readonly Destination[] }) {
  return (
    <div className="settings-section">
      <ul className="list" aria-label="Your destinations">
        {destinations.map((d) => (
          <DestinationEditor key={d.id} destination={d} />
        ))}
      </ul>
      <AddDestinationForm />
    </div>
  );
}
