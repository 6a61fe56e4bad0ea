/**
 * The flash-and-beep source, genlocked to the program's frame grid: a camera
 * (a MediaStreamTrackGenerator the compositor takes like any camera) that is
 * black except for one white frame about once a second, and a 1 kHz beep in the
 * mixer at the same studio-clock instant. The gaps between flashes vary (never
 * a whole period within a test run), so the stream's flashes line up with the
 * planned ones under one offset only.
 *
 * Why genlocked: a picture that reaches the compositor at a random moment shows
 * on the next frame slot, up to a frame later, which would measure the capture
 * latency instead of the delivery. Here the white picture is written half a frame
 * before the slot it is meant for (and black half a frame after), so it lands on
 * that slot, whose studio-clock stamp is where the beep starts. The grid is
 * learned from the stamps of the program frames the compositor hands out, so
 * flashes start once the program is being sent.
 *
 * The planned flash stamps are kept: the test maps the stream's timeline to the
 * studio clock with them.
 */
import type { AudioMixer } from '../../../renderer/audio';
import type { Compositor } from '../../../renderer/compositor';
import { studioNowUs } from '../../../renderer/compositor/shared/studio-clock';

const SOURCE_W = 160;
const SOURCE_H = 90;
const BEEP_NODE_ID = 'flash-beep';
const BEEP_HZ = 1000;
const BEEP_S = 0.04;
/** -6 dBFS: loud enough to survive AAC, far from clipping. */
const BEEP_AMPLITUDE = 0.5;
/** Seconds between flashes, in turn: irregular, so no shift of the pattern matches it again within 15 s. */
const FLASH_INTERVALS_S = [1.0, 1.3, 0.9, 1.2, 0.8, 1.4, 1.1, 0.9, 1.3, 1.0, 1.2, 0.8, 1.4, 1.1];
/** A flash is planned this far ahead at least, so its beep can still be scheduled with margin. */
const PLAN_AHEAD_US = 400_000;
/** The beep must be scheduled at least this far ahead of the audio render position. */
const SAFETY_S = 0.05;
/** Black frames keep the track alive between flashes (a camera sends frames all the time). */
const KEEPALIVE_MS = 100;
const US_PER_S = 1_000_000;

type MediaStreamTrackGeneratorCtor = new (init: { kind: 'video' }) => MediaStreamTrack & { writable: WritableStream<VideoFrame> };

export class FlashBeep {
  readonly stream: MediaStream;
  /** Studio-clock stamps of the frame slots planned to be white (each with its beep). */
  readonly flashesUs: number[] = [];
  private readonly writer: WritableStreamDefaultWriter<VideoFrame>;
  private readonly canvas = new OffscreenCanvas(SOURCE_W, SOURCE_H);
  private readonly ctx: OffscreenCanvasRenderingContext2D;
  private readonly envelope: GainNode;
  private readonly oscillator: OscillatorNode;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly keepalive: ReturnType<typeof setInterval>;
  private white = false;
  private frameUs = US_PER_S / 30;
  private plannedFlashUs = 0;
  writeErrors = 0;
  /** How late each white write ran after its intended moment, µs (main-thread timer lateness). */
  readonly whiteLateUs: number[] = [];

  constructor(
    private readonly mixer: AudioMixer,
    compositor: Pick<Compositor, 'onProgramFrame'>,
  ) {
    const Generator = (globalThis as unknown as { MediaStreamTrackGenerator?: MediaStreamTrackGeneratorCtor }).MediaStreamTrackGenerator;
    if (!Generator) throw new Error('this browser has no MediaStreamTrackGenerator');
    const track = new Generator({ kind: 'video' });
    this.writer = track.writable.getWriter();
    this.stream = new MediaStream([track]);
    this.ctx = this.canvas.getContext('2d')!;
    const ctx = mixer.context;
    this.oscillator = new OscillatorNode(ctx, { frequency: BEEP_HZ });
    this.envelope = new GainNode(ctx, { gain: 0 });
    this.oscillator.connect(this.envelope);
    this.oscillator.start();
    mixer.attachNode(BEEP_NODE_ID, this.envelope);
    compositor.onProgramFrame((frame) => this.onSlot(frame.timestampUs));
    this.keepalive = setInterval(() => this.write(), KEEPALIVE_MS);
    this.write();
  }

  /** The output rate changed (a new media request). */
  setFps(fps: number): void {
    this.frameUs = US_PER_S / fps;
  }

  stop(): void {
    clearInterval(this.keepalive);
    for (const t of this.timers) clearTimeout(t);
    this.mixer.detach(BEEP_NODE_ID);
    this.oscillator.stop();
  }

  private onSlot(stampUs: number): void {
    const nowUs = studioNowUs();
    // One flash planned at a time; the next one its interval after the last.
    if (this.plannedFlashUs > nowUs) return;
    const intervalUs = FLASH_INTERVALS_S[this.flashesUs.length % FLASH_INTERVALS_S.length]! * US_PER_S;
    const targetUs = Math.max(nowUs + PLAN_AHEAD_US, this.plannedFlashUs + intervalUs);
    const slotUs = stampUs + Math.ceil((targetUs - stampUs) / this.frameUs) * this.frameUs;
    const at = this.mixer.contextTimeAt(slotUs);
    if (at < this.mixer.context.currentTime + SAFETY_S) return;
    this.envelope.gain.setValueAtTime(BEEP_AMPLITUDE, at);
    this.envelope.gain.setValueAtTime(0, at + BEEP_S);
    this.flashesUs.push(slotUs);
    this.plannedFlashUs = slotUs;
    this.at(slotUs - this.frameUs / 2, true);
    this.at(slotUs + this.frameUs / 2, false);
  }

  private at(studioUs: number, white: boolean): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (white) this.whiteLateUs.push(studioNowUs() - studioUs);
      this.white = white;
      this.write();
    }, Math.max(0, (studioUs - studioNowUs()) / 1000));
    this.timers.add(timer);
  }

  private write(): void {
    this.ctx.fillStyle = this.white ? '#ffffff' : '#000000';
    this.ctx.fillRect(0, 0, SOURCE_W, SOURCE_H);
    const frame = new VideoFrame(this.canvas, { timestamp: Math.round(studioNowUs()) });
    // A write the track cannot take (closed) is counted, not thrown: the test reads the count.
    this.writer.write(frame).catch(() => {
      this.writeErrors++;
      frame.close();
    });
  }
}
