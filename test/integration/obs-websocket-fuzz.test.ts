/**
 * Fuzzing the obs-websocket server: ~3000 random and mutated messages (random
 * bytes, random JSON and MessagePack values, valid requests with fields dropped,
 * retyped or replaced, wrong opcodes, odd batches) over four connections, two
 * JSON and two MessagePack, reconnecting whenever the server closes one.
 *
 * Afterwards: the process did not crash, every message got an answer or a close
 * (none hung), the server still answers GetVersion, every studio call carried
 * params valid by the contract, and the studio's collection is exactly what
 * replaying those calls on a fresh fake gives: nothing else changed it.
 */
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../preload/contract/methods';
import { REQUEST_TYPES } from '../../main/remote/obs/request-dispatcher';
import { FakeStudioPort } from '../helpers/fake-studio-port';
import { TEST_PASSWORD, startObsTestServer, type ObsTestServer } from '../helpers/obs-test-server';
import { RawClient } from '../helpers/raw-ws-client';

const SEED = Number(process.env.OBS_FUZZ_SEED ?? 20_240_611);
const WORKERS = 4;
const MESSAGES_PER_WORKER = 750;
/** A message that gets neither an answer nor a close within this long counts as a hang, ms. */
const ANSWER_TIMEOUT_MS = 5000;
/** Live actions do not touch the collection, and their outcome depends on timing: not replayed. */
const NOT_REPLAYED = new Set<MethodName>(['getState', 'getHealth', 'goLive', 'stopLive', 'startRecording', 'stopRecording']);

// ---- deterministic randomness (mulberry32) ----

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Fuzzer {
  constructor(private readonly rand: () => number) {}
  int = (max: number) => Math.floor(this.rand() * max);
  pick = <T>(list: readonly T[]): T => list[this.int(list.length)]!;
  chance = (p: number) => this.rand() < p;

  string(): string {
    return this.pick([
      () => '',
      () => 'Main',
      () => 'Mic',
      () => 'x'.repeat(this.int(300)),
      () => 'y'.repeat(101),
      () => '   ',
      () => 'é🎥\u0000\uFFFF'.repeat(1 + this.int(5)),
      () => '__proto__',
      () => 'constructor',
      () => String(this.rand()),
    ])();
  }

  /** Any value JSON can carry; MessagePack also gets NaN, infinities, big integers, bytes and dates. */
  value(depth: number, msgpack: boolean): unknown {
    const leaves: Array<() => unknown> = [
      () => null,
      () => this.chance(0.5),
      () => this.int(10) - 3,
      () => (this.rand() - 0.5) * 1e12,
      () => this.string(),
      ...(msgpack ? [() => Number.NaN, () => Number.POSITIVE_INFINITY, () => 2 ** 60, () => new Uint8Array(this.int(8)), () => new Date(0)] : []),
    ];
    if (depth <= 0 || this.chance(0.6)) return this.pick(leaves)();
    if (this.chance(0.5)) return Array.from({ length: this.int(4) }, () => this.value(depth - 1, msgpack));
    return Object.fromEntries(Array.from({ length: this.int(4) }, () => [this.pick(['op', 'd', 'requestType', 'requestId', 'requestData', 'sceneName', 'inputName', 'x']), this.value(depth - 1, msgpack)]));
  }

  /** Another value of the same type: these get past the type checks and test the range and contract checks. */
  sameType(value: unknown): unknown {
    if (typeof value === 'string') return this.string();
    if (typeof value === 'number') return this.pick([-1, 0, 0.5, 1.5, 99, 1e9, -1e9, Number.MAX_SAFE_INTEGER]);
    if (typeof value === 'boolean') return !value;
    return this.value(1, false);
  }

  /** Drops, replaces, retypes or adds one field somewhere in `target` (a deep copy). */
  mutate(target: Record<string, unknown>, msgpack: boolean): Record<string, unknown> {
    const copy = structuredClone(target);
    const objects: Array<Record<string, unknown>> = [copy];
    for (const o of objects) for (const v of Object.values(o)) if (v && typeof v === 'object' && !Array.isArray(v)) objects.push(v as Record<string, unknown>);
    // Mostly inside requestData, where the request's own schema applies.
    const where = objects.length > 2 && this.chance(0.6) ? objects[2]! : this.pick(objects);
    const keys = Object.keys(where);
    const op = this.int(4);
    if (op === 0 && keys.length > 0) delete where[this.pick(keys)];
    else if (op === 1 && keys.length > 0) where[this.pick(keys)] = this.value(2, msgpack);
    else if (op === 2 && keys.length > 0) {
      const key = this.pick(keys);
      where[key] = this.sameType(where[key]);
    } else where[this.pick(['requestData', 'sceneItemId', 'inputMuted', 'junk', 'executionType', 'haltOnFailure'])] = this.value(2, msgpack);
    return copy;
  }
}

// ---- what gets sent ----

const VALID: ReadonlyArray<[string, Record<string, unknown>?]> = [
  ['GetVersion'], ['GetStats'], ['GetSceneList'], ['GetCurrentProgramScene'], ['GetCurrentPreviewScene'], ['GetInputList'], ['GetStreamStatus'], ['GetRecordStatus'],
  ['SetCurrentProgramScene', { sceneName: 'Main' }], ['SetCurrentProgramScene', { sceneUuid: 'sc_brb' }], ['SetCurrentPreviewScene', { sceneName: 'Main' }],
  ['SetStudioModeEnabled', { studioModeEnabled: true }], ['TriggerStudioModeTransition'], ['CreateScene', { sceneName: 'Fuzz' }], ['RemoveScene', { sceneName: 'Fuzz' }],
  ['SetSceneName', { sceneName: 'Be Right Back', newSceneName: 'BRB' }], ['GetSceneItemList', { sceneName: 'Main' }], ['GetSceneItemEnabled', { sceneName: 'Main', sceneItemId: 1 }],
  ['SetSceneItemEnabled', { sceneName: 'Main', sceneItemId: 1, sceneItemEnabled: false }], ['SetSceneItemLocked', { sceneUuid: 'sc_main', sceneItemId: 2, sceneItemLocked: true }],
  ['GetInputMute', { inputName: 'Mic' }], ['SetInputMute', { inputName: 'Mic', inputMuted: true }], ['ToggleInputMute', { inputUuid: 'src_mic' }],
  ['GetInputVolume', { inputName: 'Mic' }], ['SetInputVolume', { inputName: 'Mic', inputVolumeDb: -10 }], ['SetInputVolume', { inputName: 'Camera', inputVolumeMul: 0.5 }],
  ['SetInputName', { inputName: 'Camera', newInputName: 'Cam' }], ['StartStream'], ['StopStream'], ['ToggleStream'], ['StartRecord'], ['StopRecord'], ['ToggleRecord'],
  ['SetCurrentSceneTransition', { transitionName: 'Cut' }], ['SetCurrentSceneTransitionDuration', { transitionDuration: 500 }], ['GetSceneTransitionList'],
];
// Sleep would only make the fuzz slow (up to 50 s a request); it is covered by its own schema.
const TYPES = REQUEST_TYPES.filter((type) => type !== 'Sleep');

function message(f: Fuzzer, n: number, msgpack: boolean): unknown {
  const [requestType, requestData] = f.pick(VALID);
  const request = { op: 6, d: { requestType, requestId: `z${n}`, ...(requestData ? { requestData } : {}) } };
  switch (f.int(8)) {
    case 0:
      return new Uint8Array(Array.from({ length: f.int(64) }, () => f.int(256)));
    case 1:
      return f.value(4, msgpack);
    case 2:
      return { op: f.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1, '6', null]), d: f.value(2, msgpack) };
    case 3: {
      const requests = Array.from({ length: f.int(6) }, () => (f.chance(0.7) ? { requestType: f.pick(TYPES), requestData: f.value(2, msgpack) } : f.value(2, msgpack)));
      return { op: 8, d: { requestId: `b${n}`, requests, ...(f.chance(0.5) ? { haltOnFailure: f.value(0, msgpack) } : {}), ...(f.chance(0.5) ? { executionType: f.pick([0, 1, 2, -1, 3, '0']) } : {}) } };
    }
    case 4:
      return { op: 6, d: { requestType: f.pick(TYPES), requestId: `t${n}`, requestData: f.value(2, msgpack) } };
    default:
      return f.mutate(request, msgpack);
  }
}

// ---- the run ----

interface WorkerReport {
  sent: number;
  hangs: number;
  closeCodes: Map<number, number>;
  statuses: Map<number, number>;
}

async function runWorker(t: ObsTestServer, index: number): Promise<WorkerReport> {
  const f = new Fuzzer(prng(SEED + index));
  const protocol = index % 2 === 0 ? 'obswebsocket.json' : 'obswebsocket.msgpack';
  const report: WorkerReport = { sent: 0, hangs: 0, closeCodes: new Map(), statuses: new Map() };
  const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);
  let raw: RawClient | null = null;
  for (let n = 0; n < MESSAGES_PER_WORKER; n += 1) {
    if (raw === null) {
      raw = await RawClient.connect(t.url, { protocol });
      await raw.identify(TEST_PASSWORD);
    }
    const msg = message(f, n, raw.binary);
    const from = raw.frames.length;
    if (msg instanceof Uint8Array) raw.sendRaw(raw.binary || f.chance(0.5) ? msg : Buffer.from(msg).toString('latin1'));
    else raw.send(msg);
    report.sent += 1;
    const answer = await Promise.race([raw.next((fr) => fr.op === 2 || fr.op === 7 || fr.op === 9, ANSWER_TIMEOUT_MS, from), raw.closed.then(() => null)]);
    if (answer?.op === 7) bump(report.statuses, (answer.d.requestStatus as { code: number }).code);
    if (answer === null) {
      const closed = await Promise.race([raw.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 100))]);
      if (closed === null) report.hangs += 1;
      else bump(report.closeCodes, closed.code);
      raw.ws.terminate();
      raw = null;
    }
  }
  raw?.close();
  return report;
}

let t: ObsTestServer;

beforeAll(async () => {
  // The rate limit has its own test; here it would only turn mutations into NotReady answers.
  t = await startObsTestServer({ limits: { messagesPerSecond: 1e6, burst: 1e6 } });
});

afterAll(async () => {
  await t.stop();
});

describe('obs-websocket fuzz', () => {
  it(`survives ${WORKERS * MESSAGES_PER_WORKER} random and mutated messages (seed ${SEED})`, async () => {
    const reports = await Promise.all(Array.from({ length: WORKERS }, (_, i) => runWorker(t, i)));
    const total = (pick: (r: WorkerReport) => Map<number, number>) => {
      const all = new Map<number, number>();
      for (const r of reports) for (const [k, v] of pick(r)) all.set(k, (all.get(k) ?? 0) + v);
      return all;
    };
    const closeCodes = total((r) => r.closeCodes);
    const statuses = total((r) => r.statuses);

    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(WORKERS * MESSAGES_PER_WORKER);
    expect(reports.map((r) => r.hangs)).toEqual(new Array(WORKERS).fill(0));
    // The fuzz reached every layer: decoding, message checks, request checks, and the studio.
    for (const code of [4002, 4003, 4004, 4006]) expect(closeCodes.get(code) ?? 0, `close ${code}`).toBeGreaterThan(0);
    for (const code of [100, 204, 300, 401, 600]) expect(statuses.get(code) ?? 0, `status ${code}`).toBeGreaterThan(0);

    // Still serving, to a well-behaved client.
    const obs = new OBSWebSocket();
    await obs.connect(t.url, TEST_PASSWORD);
    expect((await obs.call('GetVersion')).rpcVersion).toBe(1);
    await obs.disconnect();

    // Nothing invalid reached the studio...
    expect(t.calls.filter((c) => !c.valid)).toEqual([]);
    const mutating = t.calls.filter((c) => !NOT_REPLAYED.has(c.method));
    expect(mutating.length).toBeGreaterThan(0);
    // ...and only those calls changed it: replayed on a fresh fake, they give the same collection.
    const replay = new FakeStudioPort();
    for (const call of mutating) {
      const method = replay.api[call.method] as (params: unknown) => Promise<unknown>;
      await method(call.params).catch(() => undefined);
    }
    expect(t.studio.current().collection).toEqual(replay.current().collection);
    expect(t.logs.map((r) => r.message).join('\n')).not.toContain(TEST_PASSWORD);
  });
});
