/**
 * Just enough MPEG-TS to fan a live stream out safely: split a byte stream into
 * 188-byte packets, learn the PAT/PMT and the video PID, and tell where a video
 * access unit starts and whether it is a keyframe (ffmpeg's mpegts muxer sets the
 * random-access indicator on keyframe PES starts). No payload is copied.
 */

export const TS_PACKET_SIZE = 188;
const SYNC_BYTE = 0x47;
const PAT_PID = 0x0000;

/** Stream types (ISO 13818-1 + registrations) that carry video. */
const VIDEO_STREAM_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x24, 0x33, 0x06]);

export interface TsPacketInfo {
  /** Byte offset of the packet in the chunk it came from. */
  offset: number;
  pid: number;
  /** Payload unit start: the first packet of a PES or section. */
  unitStart: boolean;
  /** Random-access indicator from the adaptation field. */
  randomAccess: boolean;
}

export interface TsChunk {
  /** Whole packets only; a multiple of 188 bytes. */
  data: Buffer;
  packets: TsPacketInfo[];
  /** Number of video access units that start in this chunk. */
  videoFrames: number;
  /** Offset of the first keyframe start in this chunk, or -1. */
  firstKeyframeOffset: number;
  /** The video PID as known when this chunk was parsed (-1 before the PMT). */
  videoPid: number;
}

/**
 * Stateful: carries partial packets between chunks and remembers the latest PAT
 * and PMT packets, which a late-joining output needs before its first keyframe.
 */
export class TsPacketizer {
  private remainder: Buffer = Buffer.alloc(0);
  private pmtPid = -1;
  private videoPidValue = -1;
  private patPacket: Buffer | null = null;
  private pmtPacket: Buffer | null = null;
  /** Bytes skipped to regain sync after garbage (should stay 0 with a healthy encoder). */
  resyncBytes = 0;

  get videoPid(): number {
    return this.videoPidValue;
  }

  /** PAT then PMT, or null before both were seen. */
  programHeaders(): Buffer | null {
    if (!this.patPacket || !this.pmtPacket) return null;
    return Buffer.concat([this.patPacket, this.pmtPacket]);
  }

  push(input: Buffer): TsChunk {
    let buf = this.remainder.length ? Buffer.concat([this.remainder, input]) : input;
    let start = 0;
    // Regain sync: find a sync byte followed by another one packet later.
    while (start < buf.length && !(buf[start] === SYNC_BYTE && (start + TS_PACKET_SIZE >= buf.length || buf[start + TS_PACKET_SIZE] === SYNC_BYTE))) {
      start++;
      this.resyncBytes++;
    }
    const whole = Math.floor((buf.length - start) / TS_PACKET_SIZE) * TS_PACKET_SIZE;
    const data = buf.subarray(start, start + whole);
    this.remainder = Buffer.from(buf.subarray(start + whole));
    buf = data;

    const packets: TsPacketInfo[] = [];
    let videoFrames = 0;
    let firstKeyframeOffset = -1;
    for (let offset = 0; offset < data.length; offset += TS_PACKET_SIZE) {
      const info = parseHeader(data, offset);
      packets.push(info);
      if (info.pid === PAT_PID && info.unitStart) this.readPat(data, offset);
      else if (info.pid === this.pmtPid && info.unitStart) this.readPmt(data, offset);
      else if (info.pid === this.videoPidValue && info.unitStart) {
        videoFrames++;
        if (info.randomAccess && firstKeyframeOffset < 0) firstKeyframeOffset = offset;
      }
    }
    return { data, packets, videoFrames, firstKeyframeOffset, videoPid: this.videoPidValue };
  }

  private readPat(data: Buffer, offset: number): void {
    const section = sectionStart(data, offset);
    if (section < 0) return;
    // table_id(1) len(2) tsid(2) ver(1) sec(1) last(1) then 4-byte program entries.
    const sectionLength = ((data[section + 1]! & 0x0f) << 8) | data[section + 2]!;
    const end = Math.min(section + 3 + sectionLength - 4, offset + TS_PACKET_SIZE);
    for (let p = section + 8; p + 4 <= end; p += 4) {
      const program = (data[p]! << 8) | data[p + 1]!;
      if (program !== 0) {
        this.pmtPid = ((data[p + 2]! & 0x1f) << 8) | data[p + 3]!;
        this.patPacket = Buffer.from(data.subarray(offset, offset + TS_PACKET_SIZE));
        return;
      }
    }
  }

  private readPmt(data: Buffer, offset: number): void {
    const section = sectionStart(data, offset);
    if (section < 0) return;
    const sectionLength = ((data[section + 1]! & 0x0f) << 8) | data[section + 2]!;
    const programInfoLength = ((data[section + 10]! & 0x0f) << 8) | data[section + 11]!;
    const end = Math.min(section + 3 + sectionLength - 4, offset + TS_PACKET_SIZE);
    for (let p = section + 12 + programInfoLength; p + 5 <= end; ) {
      const streamType = data[p]!;
      const pid = ((data[p + 1]! & 0x1f) << 8) | data[p + 2]!;
      const esInfoLength = ((data[p + 3]! & 0x0f) << 8) | data[p + 4]!;
      // 0x06 (private data) is only video when nothing better was found: AV1 in TS uses it.
      if (VIDEO_STREAM_TYPES.has(streamType) && (streamType !== 0x06 || this.videoPidValue < 0)) {
        this.videoPidValue = pid;
        break;
      }
      p += 5 + esInfoLength;
    }
    this.pmtPacket = Buffer.from(data.subarray(offset, offset + TS_PACKET_SIZE));
  }
}

function parseHeader(data: Buffer, offset: number): TsPacketInfo {
  const b1 = data[offset + 1]!;
  const b3 = data[offset + 3]!;
  const pid = ((b1 & 0x1f) << 8) | data[offset + 2]!;
  const unitStart = (b1 & 0x40) !== 0;
  const hasAdaptation = (b3 & 0x20) !== 0;
  let randomAccess = false;
  if (hasAdaptation && data[offset + 4]! > 0) randomAccess = (data[offset + 5]! & 0x40) !== 0;
  return { offset, pid, unitStart, randomAccess };
}

/** Offset of a PSI section's table_id within a packet, or -1. */
function sectionStart(data: Buffer, offset: number): number {
  let p = offset + 4;
  const b3 = data[offset + 3]!;
  if (b3 & 0x20) p += 1 + data[p]!; // skip adaptation field
  if (!(b3 & 0x10)) return -1; // no payload
  p += 1 + data[p]!; // pointer_field
  return p < offset + TS_PACKET_SIZE - 12 ? p : -1;
}
