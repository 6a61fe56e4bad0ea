/**
 * General requests: GetVersion, GetStats, Sleep.
 *
 * GetStats is built from the studio's 1 Hz health snapshot: CPU and memory of
 * the engine and its ffmpeg children, free disk where recordings go, and the
 * encoder's frame counters (duplicated frames are render lag, dropped frames
 * are encoder lag, as in OBS's own stats dock).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { HealthSnapshot } from '../../../preload/contract/health';
import { NoFields, defineRequest, fail, getState, ok, type RequestContext, type RequestDefinition } from './request-kit';
import { OBS_COMPAT_VERSION, OBS_WEBSOCKET_VERSION, RPC_VERSION, RequestBatchExecutionType, RequestStatus } from './protocol';

const BYTES_PER_MB = 1024 * 1024;
/** Sleep's limits, from the spec. */
const MAX_SLEEP_MS = 50_000;
const MAX_SLEEP_FRAMES = 10_000;
const MS_PER_S = 1000;
const PRODUCT = 'OnAir Studio';

const PLATFORMS: Partial<Record<NodeJS.Platform, string>> = { win32: 'windows', darwin: 'macos', linux: 'linux' };

export const GENERAL_REQUESTS: Record<string, RequestDefinition> = {
  GetVersion: defineRequest(NoFields, async (ctx) =>
    ok({
      obsVersion: OBS_COMPAT_VERSION,
      obsWebSocketVersion: OBS_WEBSOCKET_VERSION,
      rpcVersion: RPC_VERSION,
      availableRequests: [...ctx.requestTypes],
      // No screenshot requests yet, so no image formats.
      supportedImageFormats: [],
      platform: PLATFORMS[process.platform] ?? process.platform,
      platformDescription: `${PRODUCT} (obs-websocket ${OBS_WEBSOCKET_VERSION} compatible) on ${process.platform} ${process.arch}`,
    }),
  ),

  GetStats: defineRequest(NoFields, async (ctx) => {
    const counters = ctx.counters();
    return ok({
      ...statsOf(ctx.health()),
      webSocketSessionIncomingMessages: counters.incoming,
      webSocketSessionOutgoingMessages: counters.outgoing,
    });
  }),

  Sleep: defineRequest(
    z.object({ sleepMillis: z.number().min(0).max(MAX_SLEEP_MS).nullish(), sleepFrames: z.number().min(0).max(MAX_SLEEP_FRAMES).nullish() }),
    async (ctx, { sleepMillis, sleepFrames }) => {
      const ms = await sleepDuration(ctx, sleepMillis, sleepFrames);
      if (typeof ms !== 'number') return ms;
      try {
        await delay(ms, undefined, { signal: ctx.signal });
      } catch {
        return fail(RequestStatus.RequestProcessingFailed, 'The session closed while sleeping.');
      }
      return ok();
    },
  ),
};

type SleepOutcome = number | ReturnType<typeof fail>;

/** Sleep only makes sense between requests of a serial batch: milliseconds in realtime, frames in frame mode. */
async function sleepDuration(ctx: RequestContext, sleepMillis: number | null | undefined, sleepFrames: number | null | undefined): Promise<SleepOutcome> {
  if (ctx.executionType === RequestBatchExecutionType.SerialRealtime) {
    if (sleepMillis === undefined || sleepMillis === null) return fail(RequestStatus.MissingRequestField, 'Your request is missing the `sleepMillis` field.');
    return sleepMillis;
  }
  if (ctx.executionType === RequestBatchExecutionType.SerialFrame) {
    if (sleepFrames === undefined || sleepFrames === null) return fail(RequestStatus.MissingRequestField, 'Your request is missing the `sleepFrames` field.');
    // Frames of the output profile: we have no render loop in main to count.
    const fps = (await getState(ctx)).settings.profile.fps;
    return (sleepFrames * MS_PER_S) / fps;
  }
  return fail(RequestStatus.UnsupportedRequestBatchExecutionType, 'Sleep is only available in SerialRealtime and SerialFrame request batches.');
}

/** GetStats' numbers from a health snapshot; before the first one, this process's own memory. */
export function statsOf(health: HealthSnapshot | null): Record<string, number> {
  if (health === null) {
    return {
      cpuUsage: 0,
      memoryUsage: process.memoryUsage().rss / BYTES_PER_MB,
      availableDiskSpace: 0,
      activeFps: 0,
      averageFrameRenderTime: 0,
      renderSkippedFrames: 0,
      renderTotalFrames: 0,
      outputSkippedFrames: 0,
      outputTotalFrames: 0,
    };
  }
  const processes = [health.engine, health.encoder?.process ?? null, ...health.outputs.map((o) => o.process)].filter((p) => p !== null);
  const encoder = health.encoder;
  return {
    cpuUsage: processes.reduce((sum, p) => sum + p.cpuPercent, 0),
    memoryUsage: processes.reduce((sum, p) => sum + p.rssBytes, 0) / BYTES_PER_MB,
    availableDiskSpace: (health.disk?.freeBytes ?? 0) / BYTES_PER_MB,
    activeFps: encoder?.fps ?? 0,
    // The compositor renders in the UI process; main does not time its frames.
    averageFrameRenderTime: 0,
    renderSkippedFrames: encoder?.duplicated ?? 0,
    renderTotalFrames: encoder?.framesOut ?? 0,
    outputSkippedFrames: encoder?.dropped ?? 0,
    outputTotalFrames: encoder?.framesOut ?? 0,
  };
}
