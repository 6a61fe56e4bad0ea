/**
 * The sources the Add form makes, kind by kind (pure): the settings each kind
 * starts with, a default name, and where a picture goes on the canvas.
 */
import { MAX_NAME_LENGTH, type NewSource, type Transform } from '../../preload/contract';

/** The kinds the form offers; 'microphone' and 'desktop-audio' are both audio-input sources. */
export type AddableKind = 'camera' | 'screen' | 'microphone' | 'desktop-audio' | 'image' | 'media' | 'text' | 'color';

export const ADDABLE_KINDS: ReadonlyArray<{ kind: AddableKind; label: string }> = [
  { kind: 'camera', label: 'Camera' },
  { kind: 'screen', label: 'Screen or window' },
  { kind: 'microphone', label: 'Microphone' },
  { kind: 'desktop-audio', label: 'Desktop audio' },
  { kind: 'image', label: 'Image' },
  { kind: 'media', label: 'Media file' },
  { kind: 'text', label: 'Text' },
  { kind: 'color', label: 'Colour' },
];

export function isAddableKind(value: string): value is AddableKind {
  return ADDABLE_KINDS.some((k) => k.kind === value);
}

export const DEFAULT_NAMES: Readonly<Record<AddableKind, string>> = {
  camera: 'Camera',
  screen: 'Screen',
  microphone: 'Microphone',
  'desktop-audio': 'Desktop audio',
  image: 'Image',
  media: 'Media',
  text: 'Text',
  color: 'Colour',
};

/** Text size for a new text source, px on the output canvas (the studio scales it with the canvas). */
export const NEW_TEXT_SIZE_PX = 48;

/** What the form gathered; each kind reads its own fields. */
export interface SourceDraft {
  name: string;
  text: string;
  color: string;
  /** Camera or microphone; null: the system's default. */
  deviceId: string | null;
  screenTarget: 'screen' | 'window';
  screenAudio: boolean;
  /** Image: a data: URL; media: a URL the page can play. */
  src: string;
}

export function newSource(kind: AddableKind, d: SourceDraft): NewSource {
  const name = d.name.trim() || DEFAULT_NAMES[kind];
  switch (kind) {
    case 'camera':
      return { kind, name, settings: { deviceId: d.deviceId, width: null, height: null } };
    case 'screen':
      // captureId null: the browser asks what to share (Electron: its own picker).
      return { kind, name, settings: { captureId: null, target: d.screenTarget, withAudio: d.screenAudio } };
    case 'microphone':
      return { kind: 'audio-input', name, settings: { deviceId: d.deviceId, target: 'microphone' } };
    case 'desktop-audio':
      return { kind: 'audio-input', name, settings: { deviceId: null, target: 'desktop' } };
    case 'image':
      return { kind, name, settings: { src: d.src } };
    case 'media':
      return { kind, name, settings: { src: d.src, loop: true, playing: true } };
    case 'text':
      return {
        kind,
        name,
        settings: { text: d.text, font: 'system-ui, sans-serif', sizePx: NEW_TEXT_SIZE_PX, color: '#ffffff', outlineColor: '#000000', outlineWidthPx: 2, background: null, align: 'center', wrapWidthPx: null },
      };
    case 'color':
      return { kind, name, settings: { color: d.color } };
  }
}

/** A file's name without its extension, as a source name ("intro.mp4" -> "intro"). */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').trim() || fileName.trim();
  return base.slice(0, MAX_NAME_LENGTH);
}

/**
 * A picture of `natural` size placed on the canvas: whole, centred, never
 * stretched, and never enlarged past its own pixels (a small logo stays sharp).
 */
export function fitTransform(natural: { width: number; height: number }, canvas: { width: number; height: number }): Transform {
  const scale = Math.min(canvas.width / natural.width, canvas.height / natural.height, 1);
  const width = Math.max(1, Math.round(natural.width * scale));
  const height = Math.max(1, Math.round(natural.height * scale));
  return { x: Math.round((canvas.width - width) / 2), y: Math.round((canvas.height - height) / 2), width, height, rotationDeg: 0, crop: { top: 0, right: 0, bottom: 0, left: 0 } };
}
