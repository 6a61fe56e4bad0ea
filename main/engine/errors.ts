/**
 * The engine's error catalog: a stable code, a message a streamer understands
 * (with the fix), and a diagnostic detail for logs. Messages and details are
 * redacted by whoever raises them; nothing here ever holds a stream key.
 */

export type EngineErrorCode =
  | 'FFMPEG_NOT_FOUND'
  | 'FFMPEG_UNUSABLE'
  | 'ENCODER_UNAVAILABLE'
  | 'ENCODER_FAILED'
  | 'OUTPUT_BAD_URL'
  | 'OUTPUT_UNSUPPORTED_PROTOCOL'
  | 'OUTPUT_UNKNOWN_HOST'
  | 'OUTPUT_KEY_REFUSED'
  | 'OUTPUT_FAILED'
  | 'RECORDING_FAILED'
  | 'BAD_INPUT'
  | 'NOT_LIVE'
  | 'ALREADY_LIVE';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly detail: string;

  constructor(code: EngineErrorCode, message: string, detail = '') {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.detail = detail;
  }

  toJSON(): { code: EngineErrorCode; message: string; detail: string } {
    return { code: this.code, message: this.message, detail: this.detail };
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}
