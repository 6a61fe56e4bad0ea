/**
 * The program from the compositor in a browser page into a real `onair studio`,
 * out to a real nginx-rtmp and a recording: the raw path at 640x360 (the size
 * these 2-core machines hold on the raw path). The page composites the studio's
 * scenes with the real Compositor and mixes with the real AudioMixer; see
 * delivery-harness/program-delivery.ts for what is asserted (ffprobe of the
 * stream, scene switches within 2 frames with no timestamp gap, A/V within a
 * frame). delivery-encoded.test.ts runs the same on the encoded path at 720p.
 */
import { describeProgramDelivery } from './delivery-harness/program-delivery';

describeProgramDelivery({ path: 'raw', width: 640, height: 360, fps: 30, videoBitrateKbps: 1500 });
