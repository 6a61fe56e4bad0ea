import { describe, expect, it } from 'vitest';
import { MediaReceiver, type MediaSink } from '../../../../main/app/media-port';
import { MEDIA_KIND, encodeMediaHeader, type MediaMessage } from '../../../../preload/contract/media';
import { FakeMessagePortMain } from '../../../helpers/fake-electron';

function setup(options: { messagesPerS?: number } = {}) {
  const port = new FakeMessagePortMain();
  const pushed: MediaMessage[] = [];
  let gone = 0;
  const warnings: string[] = [];
  const sink: MediaSink = { pushMedia: (m) => pushed.push(m), producerGone: () => (gone += 1) };
  let now = 0;
  const receiver = new MediaReceiver(port, sink, { warn: (m) => warnings.push(m) }, { ...options, now: () => now });
  return { port, pushed, warnings, receiver, gone: () => gone, advance: (ms: number) => (now += ms) };
}

const audio = (ts: number) => {
  const header = encodeMediaHeader(MEDIA_KIND.audio, ts);
  const bytes = new Uint8Array(header.length + 4);
  bytes.set(header);
  return bytes;
};

describe('media receiver', () => {
  it('starts the port, validates each message, hands it to the Studio and acknowledges it', () => {
    const { port, pushed } = setup();
    expect(port.started).toBe(true);
    port.deliver(audio(1000));
    port.deliver(audio(11_000).buffer);
    expect(pushed.map((m) => [m.kind, m.timestampUs, m.payload.length])).toEqual([
      [MEDIA_KIND.audio, 1000, 4],
      [MEDIA_KIND.audio, 11_000, 4],
    ]);
    expect(port.posted).toEqual([1, 2]);
  });

  it('refuses what is not a media message, still acknowledging it, and logs only the first few', () => {
    const { port, pushed, warnings } = setup();
    for (let i = 0; i < 8; i += 1) port.deliver(i % 2 ? 'text' : new Uint8Array(3));
    expect(pushed).toHaveLength(0);
    expect(port.posted).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(warnings).toHaveLength(5);
  });

  it('refuses messages over the rate', () => {
    const { port, pushed, advance } = setup({ messagesPerS: 10 });
    for (let i = 0; i < 30; i += 1) port.deliver(audio(i));
    expect(pushed).toHaveLength(20); // the burst
    advance(1000);
    port.deliver(audio(99));
    expect(pushed).toHaveLength(21);
  });

  it('tells the Studio the producer is gone when a port that fed it closes', () => {
    const fed = setup();
    fed.port.deliver(audio(0));
    fed.port.disconnect();
    fed.port.disconnect();
    expect(fed.gone()).toBe(1);
    const idle = setup();
    idle.receiver.close();
    expect(idle.port.closed).toBe(true);
    expect(idle.gone()).toBe(0);
  });
});
