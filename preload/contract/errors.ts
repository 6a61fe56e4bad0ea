/**
 * Errors as they cross the contract: a stable code, a message a streamer
 * understands (with the fix), and a detail for logs. Never a stack, never a key.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST', // the message does not match its schema
  'UNKNOWN_METHOD',
  'NOT_FOUND', // a scene, source or destination id that does not exist
  'CONFLICT', // e.g. removing the last scene, going live twice
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'ENGINE', // the engine refused or failed (its own code is in detail)
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ContractErrorSchema = z.strictObject({ code: ErrorCodeSchema, message: z.string(), detail: z.string() });
export type ContractError = z.infer<typeof ContractErrorSchema>;

export class StudioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail = '',
  ) {
    super(message);
    this.name = 'StudioError';
  }

  toJSON(): ContractError {
    return { code: this.code, message: this.message, detail: this.detail };
  }
}
