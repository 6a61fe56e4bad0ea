/**
 * The CLI's live status (pure): one line from a health snapshot, e.g.
 *   LIVE 00:01:23 | 30.0 fps | x264 0.98x | dup 0 drop 0 | A/V 4 ms | nginx: live 4630 kb/s | rec: live 4612 kb/s | good
 * Keys are already redacted in the snapshot; this never sees a URL.
 */
import type { HealthSnapshot, OutputHealth } from '../../preload/contract/health';

export function formatStatusLine(h: HealthSnapshot): string {
  const parts: string[] = [`${h.state.toUpperCase()} ${clock(h.uptimeS)}`];
  const e = h.encoder;
  if (e) {
    parts.push(`${e.fps.toFixed(1)} fps`);
    parts.push(`${e.encoder}${e.speed === null ? '' : ` ${e.speed.toFixed(2)}x`}`);
    parts.push(`dup ${e.duplicated} drop ${e.dropped}`);
    parts.push(`A/V ${Math.round(e.avOffsetMs)} ms`);
    if (e.restarts > 0) parts.push(`encoder restarts ${e.restarts}`);
  }
  for (const o of h.outputs) parts.push(outputPart(o));
  parts.push(h.rating === 'good' ? 'good' : `${h.rating}: ${h.reasons.join('; ')}`);
  return parts.join(' | ');
}

function outputPart(o: OutputHealth): string {
  switch (o.state) {
    case 'live':
      return `${o.name}: live ${o.bitrateKbps} kb/s${o.framesDropped ? ` (${o.framesDropped} dropped)` : ''}`;
    case 'reconnecting':
      return `${o.name}: reconnecting #${o.reconnects}${o.nextRetryInS === null ? '' : ` in ${Math.ceil(o.nextRetryInS)} s`} (down ${o.downtimeS} s)`;
    case 'failed':
      return `${o.name}: FAILED (${o.lastError ?? 'unknown error'})`;
    default:
      return `${o.name}: ${o.state}`;
  }
}

function clock(totalS: number): string {
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = Math.floor(totalS % 60);
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}
