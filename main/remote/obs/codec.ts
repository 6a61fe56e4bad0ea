/**
 * The two obs-websocket encodings, chosen per connection by the
 * Sec-WebSocket-Protocol header: `obswebsocket.json` (text frames, the default
 * when a client names neither) and `obswebsocket.msgpack` (binary frames).
 *
 * A frame of the wrong kind for the session's encoding, bytes that do not
 * decode, or a value that is not an object are all decode errors: the spec
 * closes the connection with MessageDecodeError (4002) for each.
 */
import { decode as msgpackDecode, encode as msgpackEncode } from '@msgpack/msgpack';
import { isPlainObject, safeJsonParse } from '../ws-guard';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK, type Subprotocol } from './protocol';

export type DecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

export interface Codec {
  readonly subprotocol: Subprotocol;
  /** Whether messages travel as binary frames. */
  readonly binary: boolean;
  encode(message: unknown): string | Uint8Array;
  decode(data: Uint8Array, isBinary: boolean): DecodeResult;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const jsonCodec: Codec = {
  subprotocol: SUBPROTOCOL_JSON,
  binary: false,
  encode: (message) => JSON.stringify(message),
  decode(data, isBinary) {
    if (isBinary) return { ok: false, reason: 'Your session encoding is set to Json, but a binary message was received.' };
    let text: string;
    try {
      text = utf8.decode(data);
    } catch {
      return { ok: false, reason: 'Unable to decode Json: the text is not valid UTF-8.' };
    }
    const parsed = safeJsonParse(text);
    if (!parsed.ok) return { ok: false, reason: `Unable to decode Json: ${parsed.error}` };
    return asObject(parsed.value);
  },
};

export const msgpackCodec: Codec = {
  subprotocol: SUBPROTOCOL_MSGPACK,
  binary: true,
  // ignoreUndefined: an optional field left undefined is absent, as it is in JSON.
  encode: (message) => msgpackEncode(message, { ignoreUndefined: true }),
  decode(data, isBinary) {
    if (!isBinary) return { ok: false, reason: 'Your session encoding is set to MsgPack, but a text message was received.' };
    let value: unknown;
    try {
      // The decoder refuses a `__proto__` key and trailing bytes by itself.
      value = msgpackDecode(data);
    } catch (error) {
      return { ok: false, reason: `Unable to decode MsgPack: ${error instanceof Error ? error.message : String(error)}` };
    }
    return asObject(value);
  },
};

function asObject(value: unknown): DecodeResult {
  return isPlainObject(value) ? { ok: true, value } : { ok: false, reason: 'You sent a non-object payload.' };
}

/**
 * The subprotocol to answer with, from the ones the client offered (in its
 * order, as obs-websocket picks the first it knows). A client that offers
 * neither gets JSON and no Sec-WebSocket-Protocol answer.
 */
export function selectSubprotocol(offered: Iterable<string>): Subprotocol | null {
  for (const name of offered) {
    if (name === SUBPROTOCOL_JSON || name === SUBPROTOCOL_MSGPACK) return name;
  }
  return null;
}

export function codecFor(subprotocol: string | null | undefined): Codec {
  return subprotocol === SUBPROTOCOL_MSGPACK ? msgpackCodec : jsonCodec;
}
