/** A transform with no crop, for the editing tests. */
import type { Transform } from '../../../../../preload/contract';

export const box = (x: number, y: number, width: number, height: number, rotationDeg = 0): Transform => ({ x, y, width, height, rotationDeg, crop: { top: 0, right: 0, bottom: 0, left: 0 } });
