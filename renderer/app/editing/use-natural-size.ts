/**
 * A picture source's own size, so an Alt-drag crops the right number of its
 * pixels. Only pictures kept as data: URLs (browser mode) can be measured here,
 * by decoding them once; for other sources (cameras, files, text) the size is
 * not known in the UI and crops count one source pixel per output pixel.
 */
import { useEffect, useState } from 'react';
import type { Source } from '../../../preload/contract';
import { dataUrlToBlob, isDataUrl } from '../program/data-url';
import type { Size } from './geometry';

export function useNaturalSize(source: Source | undefined): Size | null {
  const src = source?.kind === 'image' && isDataUrl(source.settings.src) ? source.settings.src : null;
  const [measured, setMeasured] = useState<{ src: string; size: Size } | null>(null);
  useEffect(() => {
    if (!src) return;
    let alive = true;
    createImageBitmap(dataUrlToBlob(src)).then(
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
  return measured && measured.src === src ? measured.size : null;
}
