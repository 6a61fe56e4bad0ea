/**
 * Going live and recording: from the studio's settings to engine outputs.
 * The encoder is chosen once per encode (the user's choice if it works, else the
 * best working hardware encoder, else libx264) from the cached probe; the video
 * path is the profile's, its 'auto' resolved by the compositor's pre-flight
 * (video-path-choice.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Destination } from '../../preload/contract/model';
import type { VideoPathStatus } from '../../preload/contract/video-path';
import { StudioError } from '../../preload/contract/errors';
import { isEngineError } from '../engine/errors';
import { probeFfmpeg, selectEncoder, type ProbeReport } from '../engine/probe';
import type { EncoderSettings, OutputSpec } from '../engine/types';
import { fileNameFromPattern } from './defaults';
import { buildDestinationUrl } from './presets';
import { destinationKeyId, type Studio } from './studio';

/** HLS segments the local origin's playlist lists. */
const LOCAL_PLAYLIST_LENGTH = 6;

export async function probeReport(studio: Studio, refresh = false): Promise<ProbeReport> {
  const ffmpegPath = studio.settings.ffmpegPath ?? studio.options.ffmpegPath;
  const cached = refresh ? null : studio.cachedProbe(ffmpegPath);
  if (cached) return cached;
  const report = await probeFfmpeg(ffmpegPath, { cacheDir: studio.options.probeCacheDir, logger: studio.options.logger.child('probe'), refresh });
  studio.rememberProbe(ffmpegPath, report);
  return report;
}

/** The probe report with what the UI and the diagnostics need beside it: the hardware encoder question and the video path. */
export async function probeReportWithPath(studio: Studio, refresh = false): Promise<{ report: unknown; engineHasHardwareEncoder: boolean; videoPath: VideoPathStatus }> {
  const report = await probeReport(studio, refresh);
  const videoPath = studio.videoPath.resolve(studio.settings.profile);
  return { report: { ...report, videoPath }, engineHasHardwareEncoder: selectEncoder(report, studio.settings.profile.encoder).hardware, videoPath };
}

async function encoderSettings(studio: Studio): Promise<{ settings: EncoderSettings; hardware: boolean }> {
  const p = studio.settings.profile;
  const selection = selectEncoder(await probeReport(studio), p.encoder);
  if (p.encoder !== 'auto' && selection.name !== p.encoder) studio.notice('warning', `The encoder you chose could not be used: ${selection.reason}`, 'ENCODER_FALLBACK');
  // A second encode (recording while live) joins the running broadcast and its path.
  const path = studio.live.running?.settings.path ?? resolvePath(studio);
  return {
    hardware: selection.hardware,
    settings: {
      width: p.width,
      height: p.height,
      fps: p.fps,
      videoBitrateKbps: p.videoBitrateKbps,
      keyframeIntervalS: p.keyframeIntervalS,
      audioBitrateKbps: p.audioBitrateKbps,
      encoder: selection.name,
      path,
    },
  };
}

/** The profile's path with 'auto' resolved; health shows it and why for the broadcast about to start. */
function resolvePath(studio: Studio): 'raw' | 'encoded' {
  const status = studio.videoPath.resolve(studio.settings.profile);
  studio.setBroadcastPath(status);
  return status.path;
}

/** The engine output for a destination, with its key from the secret store. */
export async function outputFor(studio: Studio, d: Destination): Promise<OutputSpec> {
  if (d.kind === 'local') {
    const dir = await studio.freshHlsDir();
    studio.origin.setHlsDir(dir);
    return { id: d.id, name: d.name, kind: 'hls', dir, segmentSeconds: studio.settings.profile.keyframeIntervalS, playlistLength: LOCAL_PLAYLIST_LENGTH };
  }
  const key = await studio.options.secrets.get(destinationKeyId(d.id));
  const url = buildDestinationUrl(d, key);
  studio.options.redactor.addUrl(url);
  if (d.kind === 'rtmp') {
    const backup = d.backupServerUrl ? buildDestinationUrl({ ...d, serverUrl: d.backupServerUrl }, key) : undefined;
    return backup ? { id: d.id, name: d.name, kind: 'rtmp', url, backupUrl: backup } : { id: d.id, name: d.name, kind: 'rtmp', url };
  }
  if (d.kind === 'srt') return { id: d.id, name: d.name, kind: 'srt', url };
  return { id: d.id, name: d.name, kind: 'hls-put', url, segmentSeconds: studio.settings.profile.keyframeIntervalS, playlistLength: LOCAL_PLAYLIST_LENGTH };
}

export async function goLive(studio: Studio): Promise<{ watchUrl: string | null }> {
  if (studio.live.streaming) throw new StudioError('CONFLICT', 'You are already live.');
  const enabled = studio.settings.destinations.filter((d) => d.enabled);
  if (enabled.length === 0) throw new StudioError('CONFLICT', 'No destination is enabled: enable one in Settings → Destinations (the local origin needs no account).');
  studio.setLive({ streaming: 'starting' });
  try {
    const { settings, hardware } = await encoderSettings(studio);
    const outputs = await Promise.all(enabled.map((d) => outputFor(studio, d)));
    await studio.live.startStream(settings, hardware, outputs);
    studio.setLive({ streaming: 'live', streamingSince: new Date().toISOString() });
    requestMedia(studio);
    return { watchUrl: enabled.some((d) => d.kind === 'local') ? studio.liveStatus.watchUrl : null };
  } catch (err) {
    studio.setLive({ streaming: 'offline', streamingSince: null });
    throw asStudioError(err);
  }
}

export async function stopLive(studio: Studio): Promise<void> {
  if (!studio.live.streaming) throw new StudioError('CONFLICT', 'You are not live.');
  studio.setLive({ streaming: 'ending' });
  await studio.live.stopStream();
  studio.origin.setHlsDir(null);
  studio.setLive({ streaming: 'offline', streamingSince: null });
  requestMedia(studio);
}

export async function startRecording(studio: Studio): Promise<{ file: string }> {
  if (studio.live.recording) throw new StudioError('CONFLICT', 'The recording is already running.');
  const r = studio.settings.recording;
  studio.setLive({ recording: 'starting' });
  try {
    await mkdir(r.folder, { recursive: true });
    const program = studio.collection.scenes.find((s) => s.id === studio.collection.programSceneId);
    const file = join(r.folder, `${fileNameFromPattern(r.fileNamePattern, new Date(), program?.name ?? '')}.mkv`);
    const { settings, hardware } = await encoderSettings(studio);
    await studio.live.startRecording(settings, hardware, { id: 'recording', name: 'Recording', kind: 'record', file, remuxToMp4: r.format === 'mp4' });
    studio.setLive({ recording: 'recording', recordingSince: new Date().toISOString(), recordingFile: file });
    requestMedia(studio);
    return { file };
  } catch (err) {
    studio.setLive({ recording: 'off', recordingSince: null, recordingFile: null });
    throw asStudioError(err);
  }
}

export async function stopRecording(studio: Studio): Promise<{ file: string | null }> {
  if (!studio.live.recording) throw new StudioError('CONFLICT', 'The recording is not running.');
  const file = studio.liveStatus.recordingFile;
  studio.setLive({ recording: 'stopping' });
  await studio.live.stopRecording();
  studio.setLive({ recording: 'off', recordingSince: null, recordingFile: null });
  requestMedia(studio);
  return { file };
}

/** Tell the compositor whether (and in which format) to send the program. */
export function requestMedia(studio: Studio): void {
  const broadcast = studio.live.running;
  const p = studio.settings.profile;
  const s = broadcast?.settings;
  studio.emit('mediaRequest', {
    send: broadcast !== null,
    path: s?.path ?? 'raw',
    width: s?.width ?? p.width,
    height: s?.height ?? p.height,
    fps: s?.fps ?? p.fps,
    keyframeIntervalS: s?.keyframeIntervalS ?? p.keyframeIntervalS,
    videoBitrateKbps: s?.videoBitrateKbps ?? p.videoBitrateKbps,
  });
}

export function asStudioError(err: unknown): StudioError {
  if (err instanceof StudioError) return err;
  if (isEngineError(err)) return new StudioError('ENGINE', err.message, `${err.code}: ${err.detail}`);
  return new StudioError('INTERNAL', 'Something went wrong inside the studio; the log has the details.', (err as Error)?.message ?? String(err));
}
