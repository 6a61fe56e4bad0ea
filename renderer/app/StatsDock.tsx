/**
 * The stream's health as the engine measured it over the last second: a rating
 * with its reasons in words, frame rate, frames repeated or skipped, the encoder,
 * CPU, and each output's bitrate; and, from this window, where the picture comes
 * from and how the compositor is keeping up.
 */
import type { HealthSnapshot, LiveState } from '../../preload/contract';
import { CompositorStatsRows } from './CompositorStatsRows';
import { Dock } from './Dock';
import { RATING_WORDS, formatBitrate, formatCpu, formatPercent } from './format';
import { useStudioView } from './studio-context';

export function StatsDock() {
  const { health, state } = useStudioView();
  // The engine sends no snapshot once it stops, so the last one would go stale: show it only while running.
  const running = state !== null && (state.live.streaming !== 'offline' || state.live.recording !== 'off');
  return (
    <Dock title="Stats" className="stats-dock">
      {running && health ? <Stats health={health} live={state.live} /> : <p className="muted">{running ? 'Waiting for the first measurement…' : 'Stats appear when you go live or record.'}</p>}
    </Dock>
  );
}

const PRODUCER_WORDS = { waiting: 'waiting for the first picture', live: 'pictures arriving', frozen: 'picture frozen', slate: 'stand-by slate on air' } as const;

function Stats({ health, live }: { health: HealthSnapshot; live: LiveState }) {
  const e = health.encoder;
  const cpu = health.engine.cpuPercent + (e?.process?.cpuPercent ?? 0) + health.outputs.reduce((n, o) => n + (o.process?.cpuPercent ?? 0), 0);
  const source = live.producer === 'compositor' ? 'This studio window (compositor)' : 'Stand-by slate (no window is sending)';
  return (
    <div className="stats">
      <p className={`rating rating-${health.rating}`} role="status" aria-label={`Stream health: ${RATING_WORDS[health.rating]}`}>
        {RATING_WORDS[health.rating]}
      </p>
      {health.reasons.length > 0 && (
        <ul className="reasons" aria-label="Why">
          {health.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <dl className="stat-grid">
        <dt title="What feeds the stream">Program from</dt>
        <dd>
          {source}
          {health.producer && `, ${PRODUCER_WORDS[health.producer.state]}`}
        </dd>
        <dt>Frame rate</dt>
        <dd>{e ? `${e.fps.toFixed(1)} / ${e.targetFps} fps` : '–'}</dd>
        <dt title="Frames the encoder could not keep up with">Dropped (encoder)</dt>
        <dd>{e ? `${e.dropped} (${formatPercent(e.dropped, e.framesOut + e.dropped)})` : '–'}</dd>
        <dt title="Frames repeated because the picture arrived late">Duplicated (render)</dt>
        <dd>{e ? `${e.duplicated} (${formatPercent(e.duplicated, e.framesOut)})` : '–'}</dd>
        <dt>Encoder</dt>
        <dd>{e ? `${e.encoder} (${e.hardware ? 'hardware' : 'software'}, ${e.width}×${e.height})${e.speed !== null ? `, ${e.speed.toFixed(2)}×` : ''}` : '–'}</dd>
        <dt>CPU (studio + ffmpeg)</dt>
        <dd>{formatCpu(cpu)}</dd>
        <CompositorStatsRows />
      </dl>
      <h3 className="small-heading">Bitrate</h3>
      <ul className="list compact" aria-label="Bitrate per destination">
        {health.outputs.map((o) => (
          <li key={o.id} className="row">
            <span className="grow">{o.name}</span>
            <span>{formatBitrate(o.bitrateKbps)}</span>
            {o.framesDropped > 0 && <span className="warn-text"> · {o.framesDropped} dropped (network)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
