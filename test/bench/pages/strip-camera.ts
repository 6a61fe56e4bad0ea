/**
 * A stand-in camera for glass-to-glass through the compositor, installed by the
 * bench with Playwright's addInitScript before the studio UI loads: the UI's
 * getUserMedia for video gets a canvas's captureStream, and the canvas is
 * redrawn every DRAW_MS with the studio clock (epoch ms, mod 2^32) as the test
 * card's timestamp strip (main/engine/sources/testcard.ts: 32 black/white
 * blocks across the top 16 rows, bit 0 on the left; full-range black and white,
 * which the compositor's conversion maps to 16 and 235). The canvas has the
 * program's size and the camera item fills the canvas, so the strip arrives
 * block for block. Audio requests go to the real (fake-device) getUserMedia.
 *
 * So the strip shows when the "camera" captured the picture, and the figure
 * covers the UI's whole camera path: MediaStreamTrackProcessor, the converter
 * worker, the compositor's next slot, I420 conversion, the bridge, the engine.
 *
 * installStripCamera is serialised into the page: it may use nothing from
 * outside its own body.
 */

export interface StripCameraConfig {
  width: number;
  height: number;
  /** Redraw period, ms: faster than the program's frame rate, so a slot never waits long for a fresh picture. */
  drawMs: number;
}

declare global {
  interface Window {
    onairStripCamera?: { draws: number };
  }
}

export function installStripCamera(cfg: StripCameraConfig): void {
  const BITS = 32;
  const STRIP_ROWS = 16;
  const stats = { draws: 0 };
  window.onairStripCamera = stats;
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  let stream: MediaStream | null = null;
  const cameraStream = (): MediaStream => {
    if (stream) return stream.clone();
    const canvas = document.createElement('canvas');
    canvas.width = cfg.width;
    canvas.height = cfg.height;
    const g = canvas.getContext('2d')!;
    const block = Math.floor(cfg.width / BITS);
    const draw = (): void => {
      const ms = Math.floor(performance.timeOrigin + performance.now()) % 2 ** BITS;
      g.fillStyle = '#808080';
      g.fillRect(0, 0, cfg.width, cfg.height);
      g.fillStyle = '#000000';
      g.fillRect(0, 0, cfg.width, STRIP_ROWS);
      g.fillStyle = '#ffffff';
      for (let bit = 0; bit < BITS; bit++) if (Math.floor(ms / 2 ** bit) % 2 === 1) g.fillRect(bit * block, 0, block, STRIP_ROWS);
      stats.draws++;
    };
    draw();
    setInterval(draw, cfg.drawMs);
    stream = canvas.captureStream();
    return stream.clone();
  };
  devices.getUserMedia = async (constraints?: MediaStreamConstraints): Promise<MediaStream> => {
    if (!constraints?.video) return original(constraints);
    const video = cameraStream();
    if (!constraints.audio) return video;
    const audio = await original({ audio: constraints.audio });
    return new MediaStream([...video.getVideoTracks(), ...audio.getAudioTracks()]);
  };
}
