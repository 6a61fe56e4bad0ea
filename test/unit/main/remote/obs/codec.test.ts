import { decode, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { codecFor, jsonCodec, msgpackCodec, selectSubprotocol } from '../../../../../main/remote/obs/codec';

const text = (s: string) => new TextEncoder().encode(s);
const HELLO = { op: 0, d: { obsWebSocketVersion: '5.5.0', rpcVersion: 1, nested: { list: [1, 'two', null, true] } } };

describe('json codec', () => {
  it('round-trips a message as a text frame', () => {
    const frame = jsonCodec.encode(HELLO);
    expect(typeof frame).toBe('string');
    expect(jsonCodec.decode(text(frame as string), false)).toEqual({ ok: true, value: HELLO });
  });

  it.each([
    ['a binary frame', text('{"op":1,"d":{}}'), true, /binary message/],
    ['malformed JSON', text('{"op":1,'), false, /Unable to decode Json/],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), false, /not valid UTF-8/],
    ['an array', text('[1,2]'), false, /non-object payload/],
    ['a string', text('"op"'), false, /non-object payload/],
    ['null', text('null'), false, /non-object payload/],
  ])('refuses %s', (_what, bytes, isBinary, reason) => {
    const result = jsonCodec.decode(bytes, isBinary);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('msgpack codec', () => {
  it('round-trips a message as a binary frame, and agrees with @msgpack/msgpack', () => {
    const frame = msgpackCodec.encode(HELLO);
    expect(frame).toBeInstanceOf(Uint8Array);
    expect(decode(frame as Uint8Array)).toEqual(HELLO);
    expect(msgpackCodec.decode(encode(HELLO), true)).toEqual({ ok: true, value: HELLO });
  });

  it('leaves undefined fields out, as JSON does', () => {
    const frame = msgpackCodec.encode({ op: 7, d: { comment: undefined, code: 100 } }) as Uint8Array;
    expect(decode(frame)).toEqual({ op: 7, d: { code: 100 } });
  });

  it.each([
    ['a text frame', encode({ op: 1, d: {} }), false, /text message/],
    ['truncated bytes', encode({ op: 1, d: { rpcVersion: 1 } }).slice(0, 5), true, /Unable to decode MsgPack/],
    ['trailing bytes', new Uint8Array([...encode({ op: 1 }), 0x01]), true, /Unable to decode MsgPack/],
    ['a __proto__ key', new Uint8Array([0x81, 0xa9, ...text('__proto__'), 0x80]), true, /__proto__/],
    ['an array', encode([1, 2, 3]), true, /non-object payload/],
    ['a timestamp (decodes to a Date)', encode(new Date(0)), true, /non-object payload/],
  ])('refuses %s', (_what, bytes, isBinary, reason) => {
    const result = msgpackCodec.decode(bytes, isBinary);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('subprotocol selection', () => {
  it.each([
    [[], null],
    [['obswebsocket.json'], 'obswebsocket.json'],
    [['obswebsocket.msgpack'], 'obswebsocket.msgpack'],
    [['something-else', 'obswebsocket.msgpack', 'obswebsocket.json'], 'obswebsocket.msgpack'],
    [['chat', 'superchat'], null],
  ])('offered %j -> %s', (offered, expected) => {
    expect(selectSubprotocol(offered)).toBe(expected);
  });

  it('uses JSON when no subprotocol was agreed', () => {
    expect(codecFor('')).toBe(jsonCodec);
    expect(codecFor(undefined)).toBe(jsonCodec);
    expect(codecFor('obswebsocket.msgpack')).toBe(msgpackCodec);
  });
});
