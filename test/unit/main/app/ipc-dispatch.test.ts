import { describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../../main/app/ipc-dispatch';
import { EngineError } from '../../../../main/engine/errors';
import { SecretRegistry } from '../../../../main/engine/redact';
import type { StudioApi } from '../../../../preload/contract';
import { FakeStudioPort } from '../../../helpers/fake-studio-port';

function context() {
  const errors: string[] = [];
  const secrets = new SecretRegistry();
  secrets.add('sk_live_TOPSECRET');
  return { errors, ctx: { logger: { error: (m: string) => errors.push(m) }, redact: (t: string) => secrets.redact(t) } };
}

describe('dispatchCall', () => {
  it('calls the Studio with validated params and wraps the result', async () => {
    const studio = new FakeStudioPort();
    const { ctx } = context();
    expect(await dispatchCall(studio.api, 'setProgramScene', { sceneId: 'sc_brb' }, ctx)).toEqual({ ok: true, result: { ok: true } });
    expect(studio.current().collection.programSceneId).toBe('sc_brb');
  });

  it('lets a method without params be called with none', async () => {
    const { ctx } = context();
    expect(await dispatchCall(new FakeStudioPort().api, 'getHealth', undefined, ctx)).toEqual({ ok: true, result: { health: null } });
  });

  it.each([
    ['an unknown method', 'formatDisk', {}, 'UNKNOWN_METHOD'],
    ['a prototype key', '__proto__', {}, 'UNKNOWN_METHOD'],
    ['a non-string method', 42, {}, 'UNKNOWN_METHOD'],
    ['a missing field', 'setProgramScene', {}, 'BAD_REQUEST'],
    ['an extra field', 'setProgramScene', { sceneId: 'sc_brb', evil: true }, 'BAD_REQUEST'],
    ['a wrong type', 'setStudioMode', { enabled: 'yes' }, 'BAD_REQUEST'],
    ['params that are not an object', 'goLive', 'now', 'BAD_REQUEST'],
  ])('refuses %s with a coded error before the Studio sees it', async (_name, method, params, code) => {
    const studio = new FakeStudioPort();
    const before = JSON.stringify(studio.current());
    const { ctx } = context();
    const reply = await dispatchCall(studio.api, method, params, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(studio.current())).toBe(before);
  });

  it('passes the Studio’s own errors through, and catalogues engine and unknown ones, redacted', async () => {
    const { ctx, errors } = context();
    const api = {
      setProgramScene: async () => {
        throw new EngineError('OUTPUT_FAILED', 'rtmp://live.twitch.tv/app/sk_live_TOPSECRET refused the stream', 'detail sk_live_TOPSECRET');
      },
      goLive: async () => {
        throw new TypeError('cannot read x of undefined (key sk_live_TOPSECRET)');
      },
    } as unknown as StudioApi;
    const engine = await dispatchCall(api, 'setProgramScene', { sceneId: 'a' }, ctx);
    expect(engine).toMatchObject({ ok: false, error: { code: 'ENGINE' } });
    const internal = await dispatchCall(api, 'goLive', {}, ctx);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify([engine, internal, errors])).not.toContain('TOPSECRET');
    expect(errors).toHaveLength(1);
    const missing = await dispatchCall(new FakeStudioPort().api, 'setProgramScene', { sceneId: 'nope' }, ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
