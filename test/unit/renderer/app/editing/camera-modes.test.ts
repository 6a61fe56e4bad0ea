import { describe, expect, it } from 'vitest';
import { CAMERA_MODES, cameraModeFromValue, cameraModeValue } from '../../../../../renderer/app/editing/camera-modes';

describe('camera modes', () => {
  it('round-trips every offered mode through its option value', () => {
    for (const m of CAMERA_MODES) expect(cameraModeFromValue(cameraModeValue(m.width, m.height))).toEqual({ width: m.width, height: m.height });
  });

  it("leaves the size to the camera by default, and keeps a size the list does not offer", () => {
    expect(cameraModeValue(null, null)).toBe('default');
    expect(cameraModeFromValue('default')).toEqual({ width: null, height: null });
    expect(cameraModeValue(800, 600)).toBe('800x600');
    expect(cameraModeFromValue('800x600')).toEqual({ width: 800, height: 600 });
  });
});
