/**
 * obs-websocket authentication (protocol.md "Creating an authentication string"):
 *
 *   secret         = base64(sha256(password + salt))
 *   authentication = base64(sha256(secret + challenge))
 *
 * The salt is made once per server start and the secret derived from it, so the
 * server keeps the secret, not the password. Every connection gets its own
 * challenge, so a captured authentication string is useless on the next one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes in a salt or a challenge (obs-websocket uses 32). */
export const AUTH_RANDOM_BYTES = 32;

export function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

export function randomToken(): string {
  return randomBytes(AUTH_RANDOM_BYTES).toString('base64');
}

export function deriveSecret(password: string, salt: string): string {
  return sha256Base64(password + salt);
}

/** What a client computes and sends in Identify. */
export function computeAuthentication(password: string, salt: string, challenge: string): string {
  return sha256Base64(deriveSecret(password, salt) + challenge);
}

/** Compares in constant time, so the answer's timing says nothing about how close a guess was. */
export function verifyAuthentication(secret: string, challenge: string, candidate: string): boolean {
  const expected = Buffer.from(sha256Base64(secret + challenge), 'utf8');
  const given = Buffer.from(candidate, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The server's half: salt and secret for its lifetime. The password is not kept. */
export interface AuthKeys {
  salt: string;
  secret: string;
}

export function createAuthKeys(password: string, salt: string = randomToken()): AuthKeys {
  return { salt, secret: deriveSecret(password, salt) };
}
