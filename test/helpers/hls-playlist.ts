/**
 * Reading a live HLS media playlist the way a player does (pure): the media
 * sequence number of the first segment and each segment's URI and duration.
 * Only the tags a live player needs; master playlists are not handled.
 */

export interface HlsSegment {
  /** Media sequence number: the playlist's EXT-X-MEDIA-SEQUENCE plus its position. */
  sequence: number;
  /** As written in the playlist: relative to the playlist's URL. */
  uri: string;
  durationS: number;
}

export interface MediaPlaylist {
  targetDurationS: number;
  mediaSequence: number;
  segments: HlsSegment[];
  /** EXT-X-ENDLIST: the stream is over and the playlist will not change again. */
  ended: boolean;
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines[0] !== '#EXTM3U') throw new Error('not an HLS playlist (no #EXTM3U)');
  const mediaSequence = tagNumber(lines, '#EXT-X-MEDIA-SEQUENCE:') ?? 0;
  const segments: HlsSegment[] = [];
  let durationS: number | undefined;
  for (const line of lines) {
    if (line.startsWith('#EXTINF:')) durationS = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line !== '' && !line.startsWith('#')) {
      segments.push({ sequence: mediaSequence + segments.length, uri: line, durationS: durationS ?? Number.NaN });
      durationS = undefined;
    }
  }
  return {
    targetDurationS: tagNumber(lines, '#EXT-X-TARGETDURATION:') ?? Number.NaN,
    mediaSequence,
    segments,
    ended: lines.includes('#EXT-X-ENDLIST'),
  };
}

/** A segment's absolute URL, resolved against the playlist's. */
export function segmentUrl(playlistUrl: string, segment: HlsSegment): string {
  return new URL(segment.uri, playlistUrl).toString();
}

function tagNumber(lines: readonly string[], prefix: string): number | undefined {
  const line = lines.find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}
