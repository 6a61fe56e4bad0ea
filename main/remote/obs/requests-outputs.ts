/**
 * Stream and record requests.
 *
 * Starting a stream can take seconds (the encoder is probed, destinations
 * connect). OBS answers StartStream at once and reports the outcome through
 * StreamStateChanged; we wait up to OUTPUT_ACK_MS so a quick refusal (no
 * destination enabled) still comes back as an error, then answer Success and let
 * the events tell the rest. The session's other requests are not held up
 * behind a slow start.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { OutputHealth } from '../../../preload/contract/health';
import type { MethodName, MethodParams, MethodResult } from '../../../preload/contract/methods';
import { NoFields, callStudio, defineRequest, fail, getState, ok, type Outcome, type RequestContext, type RequestDefinition, type RequestResult } from './request-kit';
import { durationSince, timecodeOf } from './obs-shapes';
import { RequestStatus } from './protocol';

/** How long a start or stop may take before we answer Success and leave the rest to events, ms. */
export const OUTPUT_ACK_MS = 1000;

const PENDING = Symbol('pending');

/** The studio call's outcome if it settles within OUTPUT_ACK_MS, else PENDING (its failure is then logged). */
async function acknowledged<M extends MethodName>(ctx: RequestContext, method: M, params: MethodParams<M>): Promise<Outcome<MethodResult<M>> | typeof PENDING> {
  const call = callStudio(ctx, method, params);
  const timer = new AbortController();
  const settled = await Promise.race([call, delay<typeof PENDING>(OUTPUT_ACK_MS, PENDING, { signal: timer.signal, ref: false }).catch((): typeof PENDING => PENDING)]);
  timer.abort();
  if (settled === PENDING) {
    void call.then((late) => {
      if (!late.ok) ctx.logger.warn(`${method} failed after it was acknowledged: ${late.result.comment ?? late.result.status}`);
    });
  }
  return settled;
}

function answer(settled: Outcome<unknown> | typeof PENDING, responseData?: Record<string, unknown>): RequestResult {
  if (settled !== PENDING && !settled.ok) return settled.result;
  return ok(responseData);
}

const isStreamOutput = (o: OutputHealth) => o.kind !== 'record';
const sum = (outputs: readonly OutputHealth[], pick: (o: OutputHealth) => number) => outputs.reduce((total, o) => total + pick(o), 0);

async function startStream(ctx: RequestContext): Promise<RequestResult> {
  if ((await getState(ctx)).live.streaming !== 'offline') return fail(RequestStatus.OutputRunning, 'The stream is already running.');
  return answer(await acknowledged(ctx, 'goLive', {}));
}

async function stopStream(ctx: RequestContext): Promise<RequestResult> {
  const streaming = (await getState(ctx)).live.streaming;
  if (streaming === 'offline') return fail(RequestStatus.OutputNotRunning, 'The stream is not running.');
  if (streaming === 'ending') return fail(RequestStatus.OutputNotRunning, 'The stream is already stopping.');
  return answer(await acknowledged(ctx, 'stopLive', {}));
}

async function startRecord(ctx: RequestContext): Promise<RequestResult> {
  if ((await getState(ctx)).live.recording !== 'off') return fail(RequestStatus.OutputRunning, 'The recording is already running.');
  return answer(await acknowledged(ctx, 'startRecording', {}));
}

async function stopRecord(ctx: RequestContext): Promise<RequestResult> {
  const live = (await getState(ctx)).live;
  if (live.recording === 'off') return fail(RequestStatus.OutputNotRunning, 'The recording is not running.');
  if (live.recording === 'stopping') return fail(RequestStatus.OutputNotRunning, 'The recording is already stopping.');
  const settled = await acknowledged(ctx, 'stopRecording', {});
  // The file is known before the stop finishes; the studio's answer, when it comes in time, is the final word.
  const outputPath = settled !== PENDING && settled.ok ? settled.value.file : live.recordingFile;
  return answer(settled, { outputPath });
}

export const OUTPUT_REQUESTS: Record<string, RequestDefinition> = {
  GetStreamStatus: defineRequest(NoFields, async (ctx) => {
    const live = (await getState(ctx)).live;
    const health = ctx.health();
    const outputs = live.streaming === 'offline' ? [] : (health?.outputs.filter(isStreamOutput) ?? []);
    const durationMs = durationSince(live.streamingSince, ctx.now());
    return ok({
      outputActive: live.streaming === 'live',
      outputReconnecting: outputs.some((o) => o.state === 'reconnecting'),
      outputTimecode: timecodeOf(durationMs),
      outputDuration: durationMs,
      // We fan out to several destinations; none reports a congestion figure yet.
      outputCongestion: 0,
      outputBytes: sum(outputs, (o) => o.bytes),
      outputSkippedFrames: sum(outputs, (o) => o.framesDropped),
      outputTotalFrames: live.streaming === 'offline' ? 0 : (health?.encoder?.framesOut ?? 0),
    });
  }),
  StartStream: defineRequest(NoFields, startStream),
  StopStream: defineRequest(NoFields, stopStream),
  ToggleStream: defineRequest(NoFields, async (ctx) => {
    const wasOffline = (await getState(ctx)).live.streaming === 'offline';
    const result = wasOffline ? await startStream(ctx) : await stopStream(ctx);
    return result.status === RequestStatus.Success ? ok({ outputActive: wasOffline }) : result;
  }),

  GetRecordStatus: defineRequest(NoFields, async (ctx) => {
    const live = (await getState(ctx)).live;
    const record = live.recording === 'off' ? undefined : ctx.health()?.outputs.find((o) => o.kind === 'record');
    const durationMs = durationSince(live.recordingSince, ctx.now());
    return ok({
      outputActive: live.recording === 'recording',
      outputPaused: false,
      outputTimecode: timecodeOf(durationMs),
      outputDuration: durationMs,
      outputBytes: record?.bytes ?? 0,
    });
  }),
  StartRecord: defineRequest(NoFields, startRecord),
  StopRecord: defineRequest(NoFields, stopRecord),
  ToggleRecord: defineRequest(NoFields, async (ctx) => {
    const wasOff = (await getState(ctx)).live.recording === 'off';
    const result = wasOff ? await startRecord(ctx) : await stopRecord(ctx);
    return result.status === RequestStatus.Success ? ok({ outputActive: wasOff }) : result;
  }),
  GetRecordDirectory: defineRequest(NoFields, async (ctx) => ok({ recordDirectory: (await getState(ctx)).settings.recording.folder })),
};
