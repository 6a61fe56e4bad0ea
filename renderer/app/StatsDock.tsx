/**
 * The health dashboard: the engine's one-second measurements while a broadcast
 * or recording runs. On top, one coloured light with its reasons in words and
 * each destination's bitrate over the last minute; then the numbers (frame
 * rate, frames repeated and skipped, encoder and why, A/V offset, CPU and
 * memory) and this window's compositor rows.
 */
import type { HealthSnapshot, LiveState } from '../../preload/contract';
import { CompositorStatsRows } from './CompositorStatsRows';
import { Dock } from './Dock';
import { formatBitrate, formatCpu, formatPercent } from './format';
import { BitrateChart } from './health/BitrateChart';
import { HealthIndicator } from './health/HealthIndicator';
import { encoderWhy, formatAvOffset, formatMemory, totalCpuPercent, totalMemoryBytes } from './health/health-words';
import './health/health.css';
import { useBitrateHistory } from './health/use-bitrate-history';
import { useProbeChoice } from './health/use-probe-choice';
import { useStudioView } from './studio-context';
import { encoderWords } from './program/video-path-words';

export function StatsDock() {
  const { health, state } = useStudioView();
  // Fed from the first snapshot on, whether or not the numbers show, so the chart is full when they do.
  const history = useBitrateHistory();
  // The engine sends no snapshot once it stops, so the last one would go stale: show it only while running.
  const running = state !== null && (state.live.streaming !== 'offline' || state.live.recording !== 'off');
  return (
    <Dock title="Stats" className="stats-dock">
      {running && health ? (
        <Stats health={health} live={state.live} chosenEncoder={state.settings.profile.encoder} history={history} />
      ) : (
        <p className="muted">{running ? 'Waiting for the first measurement…' : 'Stats appear when you go live or record.'}</p>
      )}
    </Dock>
  );
}

const PRODUCER_WORDS = { waiting: 'waiting for the first picture', live: 'pictures arriving', frozen: 'picture frozen', slate: 'stand-by slate on air' } as const;

interface StatsProps {
  health: HealthSnapshot;
  live: LiveState;
  chosenEncoder: string;
  history: ReturnType<typeof useBitrateHistory>;
}

function Stats({ health, live, chosenEncoder, history }: StatsProps) {
  const e = health.encoder;
  const probe = useProbeChoice(e !== null);
  const source = live.producer === 'compositor' ? 'This studio window (compositor)' : 'Stand-by slate (no window is sending)';
  const networkDrops = health.outputs.filter((o) => o.kind !== 'record' && o.framesDropped > 0);
  return (
    <div className="stats">
      <HealthIndicator health={health} />
      <h3 className="small-heading">Bitrate, last minute</h3>
      <BitrateChart data={history} />
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
        <dd>{e ? encoderWords(e) : '–'}</dd>
        {/* On the encoded path ffmpeg's encoder only makes the audio: its "why" would mislead. */}
        {e && e.path === 'raw' && <dd className="stat-note muted small">{encoderWhy(e, chosenEncoder, probe.name, probe.reason)}</dd>}
        <dt title="How far sound and picture are apart (largest over the last second)">A/V offset</dt>
        <dd>{e ? formatAvOffset(e.avOffsetMs) : '–'}</dd>
        <dt title="The studio engine plus every ffmpeg it runs">CPU (studio + ffmpeg)</dt>
        <dd>{formatCpu(totalCpuPercent(health))}</dd>
        <dt title="The studio engine plus every ffmpeg it runs">Memory (studio + ffmpeg)</dt>
        <dd>{formatMemory(totalMemoryBytes(health))}</dd>
        <CompositorStatsRows />
      </dl>
      {networkDrops.length > 0 && (
        <ul className="list compact" aria-label="Frames lost on the network">
          {networkDrops.map((o) => (
            <li key={o.id} className="warn-text">
              {o.name}: {o.framesDropped} frames dropped ({formatPercent(o.framesDropped, o.framesSent + o.framesDropped)}) at {formatBitrate(o.bitrateKbps)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
