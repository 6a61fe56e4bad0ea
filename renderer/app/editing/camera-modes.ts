/**
 * The camera resolutions offered in a camera's properties: what webcams
 * commonly deliver, asked for as an ideal (the camera picks its nearest mode).
 */
export interface CameraMode {
  label: string;
  width: number | null;
  height: number | null;
}

export const CAMERA_MODES: readonly CameraMode[] = [
  { label: "Camera's default", width: null, height: null },
  { label: '640 × 360', width: 640, height: 360 },
  { label: '640 × 480', width: 640, height: 480 },
  { label: '1280 × 720 (HD)', width: 1280, height: 720 },
  { label: '1920 × 1080 (Full HD)', width: 1920, height: 1080 },
  { label: '3840 × 2160 (4K)', width: 3840, height: 2160 },
];

/** The option value for a stored width/height ('default', '1280x720'); a size not in the list is offered as itself. */
export function cameraModeValue(width: unknown, height: unknown): string {
  return typeof width === 'number' && typeof height === 'number' ? `${width}x${height}` : 'default';
}

export function cameraModeFromValue(value: string): { width: number | null; height: number | null } {
  const m = /^(\d+)x(\d+)$/.exec(value);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: null, height: null };
}
