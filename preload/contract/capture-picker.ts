/**
 * The screen/window picker's own small contract: main's display-media handler
 * opens a picker window (app://picker) that shows desktopCapturer thumbnails and
 * answers with one choice. It is not part of the studio's client surface: only
 * the picker page has it (as `window.picker`, from preload/picker.ts).
 */
import { z } from 'zod';

export const CaptureSourceSchema = z.strictObject({
  /** desktopCapturer's id ("screen:0:0", "window:1234:0"). */
  id: z.string().min(1).max(256),
  name: z.string().max(512),
  kind: z.enum(['screen', 'window']),
  /** A PNG data URL (desktopCapturer's thumbnail); the picker's CSP allows data: images only. */
  thumbnail: z.string(),
  appIcon: z.string().nullable(),
});
export type CaptureSource = z.infer<typeof CaptureSourceSchema>;

export const PickerRequestSchema = z.strictObject({
  sources: z.array(CaptureSourceSchema),
  /** The page asked for audio and this platform can capture system audio with the picture. */
  systemAudioOffered: z.boolean(),
});
export type PickerRequest = z.infer<typeof PickerRequestSchema>;

/** The user's answer; null is Cancel. */
export const PickerChoiceSchema = z.strictObject({ sourceId: z.string().min(1).max(256), systemAudio: z.boolean() }).nullable();
export type PickerChoice = z.infer<typeof PickerChoiceSchema>;

export const PICKER_GLOBAL = 'picker';

export interface PickerPreload {
  request(): Promise<PickerRequest>;
  choose(choice: PickerChoice): void;
}
