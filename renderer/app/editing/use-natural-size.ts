/**
 * A source's own picture size, so an Alt-drag crops the right number of its
 * pixels (crop is in source pixels). Pictures are measured by decoding them once
 * (a data: URL here, a library or file URL fetched); cameras, screens and media
 * files are asked of the program runtime, which has their streams and players.
 * Text is laid out inside the compositor: its crops count one source pixel per
 * output pixel.
 */
import { useEffect, useState } from 'react';
import type { Source } from '../../../preload/contract';
import { sourceUrl } from '../../compositor/source-url';
import { dataUrlToBlob, isDataUrl } from '../program/data-url';
import { useProgram } from '../program/use-program';
import type { Size } from './geometry';

export function useNaturalSize(source: Source | undefined): Size | null {
  const runtime = useProgram();
  const src = source?.kind === 'image' ? source.settings.src : null;
  const [measured, setMeasured] = useState<{ src: string; size: Size } | null>(null);
  useEffect(() => {
    if (!src) return;
    let alive = true;
    pictureBlob(src)
      .then((blob) => createImageBitmap(blob))
      .then(
        (bitmap) => {
          if (alive) setMeasured({ src, size: { width: bitmap.width, height: bitmap.height } });
          bitmap.close();
        },
        () => undefined, // not decodable here: crops fall back to 1:1
      );
    return () => {
      alive = false;
    };
  }, [src]);
  if (src) return measured && measured.src === src ? measured.size : null;
  // Asked on every render: a capture's size can change (another camera mode, a resized window).
  return source && runtime ? runtime.sourceSize(source.id) : null;
}

/** The page's CSP forbids fetch() of data: URLs, so those are decoded in place. */
async function pictureBlob(src: string): Promise<Blob> {
  if (isDataUrl(src)) return dataUrlToBlob(src);
  const response = await fetch(sourceUrl(src));
  if (!response.ok) throw new Error(`${response.status}`);
  return response.blob();
}
