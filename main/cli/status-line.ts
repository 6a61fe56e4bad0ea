/**
 * The CLI's live status (pure): one line from a health snapshot, e.g.
 *   LIVE 00:01:23 | 30.0 fps | x264 0.98x | dup 0 drop 0 | A/V 4 ms | nginx: live 4630 kb/s | rec: live 4612 kb/s | good
 * and, when something is wrong, in words: "nginx: down 12.0 s, reconnecting #3 in 4 s",
 * "nginx: live 1210 kb/s (adaptive 50%: 750 kb/s video)", "picture: BE-RIGHT-BACK slate (no picture for 7 s)".
 * Keys are already redacted in the snapshot; this never sees a URL.
 */
import type { HealthSnapshot, OutputHealth, ProducerHealth } from '../../preload/contract/health';

/** After an outage a live output says "back after N s down" for this long, s. */
export const RECOVERED_NOTICE_S = 30;

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
  const picture = producerPart(h.producer ?? null);
  if (picture) parts.push(picture);
  for (const o of h.outputs) parts.push(outputPart(o));
  parts.push(h.rating === 'good' ? 'good' : `${h.rating}: ${h.reasons.join('; ')}`);
  return parts.join(' | ');
}

function producerPart(p: ProducerHealth | null): string | null {
  const slates = p && p.slateShows > 0 ? `, slate shown ${p.slateShows}x for ${p.slateS} s in all` : '';
  switch (p?.state) {
    case 'frozen':
      return `picture: FROZEN (no picture for ${Math.floor(p.videoAgeS ?? 0)} s)`;
    case 'slate':
      return `picture: BE-RIGHT-BACK slate (no picture for ${Math.floor(p.videoAgeS ?? 0)} s${slates})`;
    case 'live':
      return slates ? `picture: live${slates}` : null;
    default:
      return null;
  }
}

function outputPart(o: OutputHealth): string {
  switch (o.state) {
    case 'live': {
      const notes: string[] = [];
      if (o.adaptive && o.adaptive.mode === 'transcode') notes.push(`adaptive ${o.adaptive.percent}%: ${o.adaptive.videoKbps} kb/s video`);
      if (o.framesDropped) notes.push(`${o.framesDropped} dropped`);
      if (o.lastOutageS != null && o.uptimeS < RECOVERED_NOTICE_S) notes.push(`back after ${o.lastOutageS} s down`);
      return `${o.name}: live ${o.bitrateKbps} kb/s${notes.length ? ` (${notes.join(', ')})` : ''}`;
    }
    case 'reconnecting': {
      const down = o.outageS ?? o.downtimeS;
      return `${o.name}: reconnecting #${o.reconnects}${o.nextRetryInS === null ? '' : ` in ${Math.ceil(o.nextRetryInS)} s`} (down ${down} s)`;
    }
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
