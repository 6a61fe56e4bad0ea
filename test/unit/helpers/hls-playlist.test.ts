import { describe, expect, it } from 'vitest';
import { parseMediaPlaylist, segmentUrl } from '../../helpers/hls-playlist';

// As nginx-rtmp writes it (hls_nested, hls_fragment_naming system).
const NGINX_RTMP = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-MEDIA-SEQUENCE:7
#EXT-X-TARGETDURATION:2
#EXT-X-DISCONTINUITY
#EXTINF:2.000,
1795613336165.ts
#EXTINF:2.000,
1795613338160.ts
`;

// As the studio's HLS push (ffmpeg's hls muxer) writes it.
const FFMPEG = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-DISCONTINUITY
#EXT-X-INDEPENDENT-SEGMENTS
#EXTINF:2.000000,
#EXT-X-PROGRAM-DATE-TIME:2026-11-25T13:28:55.413+0000
segment_000000.ts
#EXTINF:1.966667,
#EXT-X-PROGRAM-DATE-TIME:2026-11-25T13:28:57.413+0000
segment_000001.ts
#EXT-X-ENDLIST
`;

describe('parseMediaPlaylist', () => {
  it('numbers segments from the media sequence', () => {
    const playlist = parseMediaPlaylist(NGINX_RTMP);
    expect(playlist).toMatchObject({ targetDurationS: 2, mediaSequence: 7, ended: false });
    expect(playlist.segments).toEqual([
      { sequence: 7, uri: '1795613336165.ts', durationS: 2 },
      { sequence: 8, uri: '1795613338160.ts', durationS: 2 },
    ]);
  });

  it('pairs each URI with its EXTINF across other tags, and sees the end', () => {
    const playlist = parseMediaPlaylist(FFMPEG);
    expect(playlist.segments.map((s) => [s.sequence, s.uri, s.durationS])).toEqual([
      [0, 'segment_000000.ts', 2],
      [1, 'segment_000001.ts', 1.966667],
    ]);
    expect(playlist.ended).toBe(true);
  });

  it('refuses what is not a playlist', () => {
    expect(() => parseMediaPlaylist('<html>404</html>')).toThrow(/not an HLS playlist/);
  });

  it('resolves a segment against the playlist URL', () => {
    const [segment] = parseMediaPlaylist(NGINX_RTMP).segments;
    expect(segmentUrl('http://127.0.0.1:8091/live/cam/index.m3u8', segment!)).toBe('http://127.0.0.1:8091/live/cam/1795613336165.ts');
  });
});
