import { describe, expect, it } from 'vitest';
import { mediaEndpointOf } from '../../../../renderer/bridge/media-upload';

describe('mediaEndpointOf', () => {
  it('posts to the same host the bridge is on, over http(s), with the bridge token', () => {
    expect(mediaEndpointOf('ws://127.0.0.1:7420/bridge?token=abc%2Bdef')).toEqual({ url: 'http://127.0.0.1:7420/media', token: 'abc+def' });
    expect(mediaEndpointOf('wss://studio.example:8443/bridge?token=t')).toEqual({ url: 'https://studio.example:8443/media', token: 't' });
    expect(mediaEndpointOf('ws://localhost:1/bridge')).toEqual({ url: 'http://localhost:1/media', token: '' });
  });
});
