/**
 * The encoded path end to end at 1280x720 30 fps: the compositor encodes with
 * WebCodecs in Chromium, the studio copies the video and encodes the audio, out
 * to a real nginx-rtmp and a recording. See delivery-harness/program-delivery.ts
 * for what is asserted.
 */
import { describeProgramDelivery } from './delivery-harness/program-delivery';

describeProgramDelivery({ path: 'encoded', width: 1280, height: 720, fps: 30, videoBitrateKbps: 2500 });
