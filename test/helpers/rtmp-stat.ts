/**
 * Parser for nginx-rtmp's `rtmp_stat all` XML. The document is machine-written
 * with a fixed shape (rtmp > server > application > live > stream > client/meta),
 * so a few regexes read it without an XML dependency.
 *
 * Bandwidths (bw_*) are bits per second averaged by nginx over its own interval,
 * so they read 0 for the first seconds of a stream; bytes_in is exact.
 */

export interface RtmpStreamVideoMeta {
  codec: string;
  width: number;
  height: number;
  frameRate: number;
  profile: string | undefined;
}

export interface RtmpStreamAudioMeta {
  codec: string;
  sampleRate: number;
  channels: number;
}

export interface RtmpStreamStat {
  app: string;
  name: string;
  /** True while a publisher is connected. */
  publishing: boolean;
  /** Milliseconds since the stream was created. */
  timeMs: number;
  bytesIn: number;
  bytesOut: number;
  bwInBps: number;
  bwVideoBps: number;
  bwAudioBps: number;
  /** Publisher plus players. */
  clients: number;
  /** Frames the publisher's connection dropped, from its <client> entry. */
  publisherDropped: number | undefined;
  /** Audio minus video timestamp of the publisher (ms), from its <client> entry. */
  publisherAvSyncMs: number | undefined;
  video: RtmpStreamVideoMeta | undefined;
  audio: RtmpStreamAudioMeta | undefined;
}

export interface RtmpStat {
  /** Server-wide totals. */
  bytesIn: number;
  bytesOut: number;
  streams: RtmpStreamStat[];
}

export function parseRtmpStat(xml: string): RtmpStat {
  const beforeServer = xml.split('<server>')[0] ?? '';
  const streams: RtmpStreamStat[] = [];
  for (const application of blocks(xml, 'application')) {
    const app = text(application, 'name') ?? '';
    for (const live of blocks(application, 'live')) {
      for (const stream of blocks(live, 'stream')) streams.push(parseStream(app, stream));
    }
  }
  return {
    bytesIn: num(beforeServer, 'bytes_in') ?? 0,
    bytesOut: num(beforeServer, 'bytes_out') ?? 0,
    streams,
  };
}

function parseStream(app: string, stream: string): RtmpStreamStat {
  const clients = blocks(stream, 'client');
  const meta = blocks(stream, 'meta')[0];
  // Stream-level fields share names with client and meta fields; read them
  // with the nested blocks cut out.
  const own = stream.replace(/<client>[\s\S]*?<\/client>/g, '').replace(/<meta>[\s\S]*?<\/meta>/g, '');
  const publisher = clients.find((client) => client.includes('<publishing/>'));
  return {
    app,
    name: text(own, 'name') ?? '',
    publishing: own.includes('<publishing/>'),
    timeMs: num(own, 'time') ?? 0,
    bytesIn: num(own, 'bytes_in') ?? 0,
    bytesOut: num(own, 'bytes_out') ?? 0,
    bwInBps: num(own, 'bw_in') ?? 0,
    bwVideoBps: num(own, 'bw_video') ?? 0,
    bwAudioBps: num(own, 'bw_audio') ?? 0,
    clients: num(own, 'nclients') ?? clients.length,
    publisherDropped: publisher === undefined ? undefined : num(publisher, 'dropped'),
    publisherAvSyncMs: publisher === undefined ? undefined : num(publisher, 'avsync'),
    video: meta === undefined ? undefined : parseVideo(meta),
    audio: meta === undefined ? undefined : parseAudio(meta),
  };
}

function parseVideo(meta: string): RtmpStreamVideoMeta | undefined {
  const video = blocks(meta, 'video')[0];
  if (video === undefined) return undefined;
  return {
    codec: text(video, 'codec') ?? '',
    width: num(video, 'width') ?? 0,
    height: num(video, 'height') ?? 0,
    frameRate: num(video, 'frame_rate') ?? 0,
    profile: text(video, 'profile'),
  };
}

function parseAudio(meta: string): RtmpStreamAudioMeta | undefined {
  const audio = blocks(meta, 'audio')[0];
  if (audio === undefined) return undefined;
  return {
    codec: text(audio, 'codec') ?? '',
    sampleRate: num(audio, 'sample_rate') ?? 0,
    channels: num(audio, 'channels') ?? 0,
  };
}

/** Inner text of every <tag>...</tag>; the stat document never nests a tag in itself. */
function blocks(xml: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g');
  return Array.from(xml.matchAll(pattern), (match) => match[1] ?? '');
}

function text(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

function num(xml: string, tag: string): number | undefined {
  const value = text(xml, tag);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}
