/**
 * The "beep" of the flash-and-beep test, made inside the mixer so it goes
 * through the real PCM path: a 1 kHz oscillator behind a gain that opens for
 * 40 ms at the start of every second of the studio clock. The start is found
 * with the mixer's own clock mapping (contextTimeAt), the inverse of the one
 * that stamps the PCM, so the beep's samples carry the second's timestamp.
 */
import type { AudioMixer } from '../../../renderer/audio';
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';

export const BEEP_SOURCE_ID = 'beep';
const BEEP_HZ = 1000;
const BEEP_S = 0.04;
/** -6 dBFS: loud enough to survive AAC, far from clipping. */
const BEEP_AMPLITUDE = 0.5;
const US_PER_S = 1_000_000;
/**
 * Beeps are scheduled this far ahead, refreshed every SCHEDULE_EVERY_MS. Short,
 * so each beep is placed with a fresh clock mapping: one scheduled before the
 * mapping re-anchors (an audio-thread stall while the page starts) would be off.
 */
const LOOKAHEAD_S = 0.4;
const SCHEDULE_EVERY_MS = 100;
/** Never schedule closer to the render position than this: it might already be rendered. */
const SAFETY_S = 0.05;

export class BeepSource {
  private readonly oscillator: OscillatorNode;
  private readonly envelope: GainNode;
  private readonly timer: ReturnType<typeof setInterval>;
  private lastSecond = 0;
  beepsScheduled = 0;

  constructor(private readonly mixer: AudioMixer) {
    const ctx = mixer.context;
    this.oscillator = new OscillatorNode(ctx, { frequency: BEEP_HZ });
    this.envelope = new GainNode(ctx, { gain: 0 });
    this.oscillator.connect(this.envelope);
    this.oscillator.start();
    mixer.attachNode(BEEP_SOURCE_ID, this.envelope);
    this.schedule();
    this.timer = setInterval(() => this.schedule(), SCHEDULE_EVERY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.mixer.detach(BEEP_SOURCE_ID);
    this.oscillator.stop();
  }

  private schedule(): void {
    const ctx = this.mixer.context;
    const nowS = studioNowUs() / US_PER_S;
    for (let second = Math.max(this.lastSecond + 1, Math.ceil(nowS)); second <= nowS + LOOKAHEAD_S; second++) {
      const at = this.mixer.contextTimeAt(second * US_PER_S);
      if (at < ctx.currentTime + SAFETY_S) continue;
      this.envelope.gain.setValueAtTime(BEEP_AMPLITUDE, at);
      this.envelope.gain.setValueAtTime(0, at + BEEP_S);
      this.lastSecond = second;
      this.beepsScheduled++;
    }
  }
}
