/**
 * Copies the encoder's MPEG-TS to every active output. Each output gets its own
 * sink with its own backlog limit, so a slow or stalled destination loses frames
 * (counted, for it alone) instead of slowing the encoder or the others.
 *
 * Sink lifecycle: a new or reset sink waits for the next keyframe, then receives
 * PAT + PMT + everything from that keyframe on ("flowing"). When its backlog passes
 * the limit it stops receiving ("dropping") and rejoins at the first keyframe after
 * its backlog fell below half the limit, so the stream it sees is always decodable.
 */
import { TsPacketizer, type TsChunk } from './mpegts-packets';

/** Where a sink's bytes go: the current output process's stdin, usually. */
export interface FanoutTarget {
  write(data: Buffer): void;
  /** Bytes accepted but not yet taken by the consumer. */
  backlogBytes(): number;
}

export type SinkState = 'waiting-keyframe' | 'flowing' | 'dropping';

export interface SinkStats {
  state: SinkState;
  bytesSent: number;
  framesSent: number;
  /** Frames not delivered because this sink's backlog was over its limit. */
  framesDropped: number;
}

export class FanoutSink {
  state: SinkState = 'waiting-keyframe';
  bytesSent = 0;
  framesSent = 0;
  framesDropped = 0;

  constructor(
    readonly id: string,
    private target: FanoutTarget | null,
    readonly maxBacklogBytes: number,
  ) {}

  /** Point the sink at a new target (a restarted output process); it waits for a keyframe. */
  setTarget(target: FanoutTarget | null): void {
    this.target = target;
    this.state = 'waiting-keyframe';
  }

  stats(): SinkStats {
    return { state: this.state, bytesSent: this.bytesSent, framesSent: this.framesSent, framesDropped: this.framesDropped };
  }

  /** Bytes handed to the current target and not yet taken by it (0 without a target). */
  backlogBytes(): number {
    return this.target?.backlogBytes() ?? 0;
  }

  /** @internal called by Fanout for every chunk. */
  accept(chunk: TsChunk, headers: Buffer | null): void {
    const target = this.target;
    if (!target) return;
    if (this.state === 'flowing') {
      if (target.backlogBytes() > this.maxBacklogBytes) {
        this.state = 'dropping';
        this.framesDropped += chunk.videoFrames;
        return;
      }
      this.send(target, chunk.data, chunk.videoFrames);
      return;
    }
    const resumeAt = chunk.firstKeyframeOffset;
    const canResume = resumeAt >= 0 && headers !== null && target.backlogBytes() <= this.maxBacklogBytes / 2;
    if (!canResume) {
      if (this.state === 'dropping') this.framesDropped += chunk.videoFrames;
      return;
    }
    if (this.state === 'dropping') this.framesDropped += framesBefore(chunk, resumeAt);
    this.state = 'flowing';
    target.write(headers);
    this.bytesSent += headers.length;
    this.send(target, chunk.data.subarray(resumeAt), chunk.videoFrames - framesBefore(chunk, resumeAt));
  }

  private send(target: FanoutTarget, data: Buffer, frames: number): void {
    target.write(data);
    this.bytesSent += data.length;
    this.framesSent += frames;
  }
}

/** Video frames that start in the chunk before a byte offset. */
function framesBefore(chunk: TsChunk, offset: number): number {
  let frames = 0;
  for (const packet of chunk.packets) {
    if (packet.offset >= offset) break;
    if (packet.unitStart && packet.pid === chunk.videoPid) frames++;
  }
  return frames;
}

export class Fanout {
  private packetizer = new TsPacketizer();
  private readonly sinks = new Map<string, FanoutSink>();
  /** Video frames the encoder produced since the fan-out started. */
  framesIn = 0;
  bytesIn = 0;

  attach(id: string, target: FanoutTarget | null, maxBacklogBytes: number): FanoutSink {
    const sink = new FanoutSink(id, target, maxBacklogBytes);
    this.sinks.set(id, sink);
    return sink;
  }

  detach(id: string): void {
    this.sinks.delete(id);
  }

  sink(id: string): FanoutSink | undefined {
    return this.sinks.get(id);
  }

  get videoPid(): number {
    return this.packetizer.videoPid;
  }

  /**
   * A new encoder process starts a new stream: forget the old one's partial packet
   * and program tables, and have every sink wait for the new stream's first keyframe.
   */
  resetStream(): void {
    this.packetizer = new TsPacketizer();
    for (const sink of this.sinks.values()) sink.state = 'waiting-keyframe';
  }

  /** Feed encoder output. Partial packets are carried to the next call. */
  push(data: Buffer): void {
    const chunk = this.packetizer.push(data);
    if (chunk.data.length === 0) return;
    this.bytesIn += chunk.data.length;
    this.framesIn += chunk.videoFrames;
    const headers = this.packetizer.programHeaders();
    for (const sink of this.sinks.values()) sink.accept(chunk, headers);
  }
}
