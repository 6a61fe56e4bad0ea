/**
 * One coloured light for the whole stream, with the engine's reasons under it
 * in plain words ("output 'Twitch' is dropping frames: ..."). The words carry
 * the meaning; the colour only repeats it.
 */
import type { HealthSnapshot } from '../../../preload/contract';
import { RATING_WORDS } from '../format';

export function HealthIndicator({ health }: { health: HealthSnapshot }) {
  return (
    <div className={`health-indicator rating-${health.rating}`}>
      <p className="rating" role="status" aria-label={`Stream health: ${RATING_WORDS[health.rating]}`}>
        <span className="health-light" aria-hidden="true" />
        {RATING_WORDS[health.rating]}
      </p>
      {health.reasons.length > 0 && (
        <ul className="reasons" aria-label="Why">
          {health.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
