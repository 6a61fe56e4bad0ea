/**
 * A source's own picture size, so an Alt-drag crops the right number of its
 * pixels (crop is in source pixels). Pictures are measured by decoding them once
 * (a data: URL here, a library or file URL fetched); cameras, screens and media
 * files are asked of the program runtime, which has their streams and players;
 * text is laid out here with the compositor's own layout (shared/text-layout.ts).
 */
import { useEffect, useState } from 'react';
import type { Source } from '../../../preload/contract';
import { sourceUrl } from '../../compositor/source-url';
import { layoutText, measureWith, type TextSettings } from '../../compositor/shared/text-layout';
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
  if (source?.kind === 'text') return textSize(source.settings);
  // Asked on every render: a capture's size can change (another camera mode, a resized window).
  return source && runtime ? runtime.sourceSize(source.id) : null;
}

let measureContext: OffscreenCanvasRenderingContext2D | null = null;

/** The picture a text source makes (its own size), or null for empty text or no 2D context. */
export function textSize(settings: TextSettings): Size | null {
  measureContext ??= new OffscreenCanvas(1, 1).getContext('2d');
  if (!measureContext) return null;
  const layout = layoutText(settings, measureWith(measureContext, settings));
  return layout ? { width: layout.width, height: layout.height } : null;
}

/** The page's CSP forbids fetch() of data: URLs, so those are decoded in place. */
async function pictureBlob(src: string): Promise<Blob> {
  if (isDataUrl(src)) return dataUrlToBlob(src);
  const response = await fetch(sourceUrl(src));
  if (!response.ok) throw new Error(`${response.status}`);
  return response.blob();
}
