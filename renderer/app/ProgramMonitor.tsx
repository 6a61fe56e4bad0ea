/**
 * The monitors: the program picture the compositor makes (what viewers get), and
 * in studio mode the preview beside it with the Transition button between them.
 * Bitmaps arrive at the compositor's monitor rate and are handed to
 * 'bitmaprenderer' canvases without a copy. When the compositor cannot start
 * (no WebCodecs, a worker that would not load) the monitor names the scene and
 * says why instead of showing a picture. The scene being edited (the preview's
 * in studio mode, else the program's) gets the editing layer on its monitor.
 */
import { useEffect, useRef, useState } from 'react';
import { MonitorView } from './MonitorView';
import { TransitionButton } from './TransitionButton';
import { EditOverlay } from './editing/EditOverlay';
import { useProgram, useProgramStatus } from './program/use-program';
import { useStudioView } from './studio-context';

export function ProgramMonitor() {
  const { state } = useStudioView();
  const runtime = useProgram();
  const status = useProgramStatus();
  const program = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const [pictures, setPictures] = useState(false);
  const c = state?.collection;
  const studioMode = c?.studioMode ?? false;
  const sceneName = (id: string | undefined) => c?.scenes.find((s) => s.id === id)?.name ?? '–';

  useEffect(() => {
    if (!runtime) return;
    return runtime.onMonitor((frame) => {
      show(program.current, frame.program);
      if (frame.preview) show(preview.current, frame.preview);
      setPictures(true);
    });
  }, [runtime]);

  const profile = state?.settings.profile;
  const overlay = profile ? <EditOverlay output={{ width: profile.width, height: profile.height }} /> : null;
  const live = state?.live;
  const failed = status.video === 'failed';
  const note = failed ? status.videoError : pictures ? null : 'Starting the program picture…';
  const slate = live?.streaming === 'live' && live.producer === 'none' ? "Viewers see the studio's stand-by slate." : null;
  const elsewhere = status.otherWindowSends ? 'Another studio window sends the program: this one shows it, and takes over when that one closes.' : null;
  return (
    <section className={`monitors ${studioMode ? 'studio-mode' : ''}`} aria-label="Monitors">
      {studioMode && (
        <>
          <MonitorView kind="Preview" sceneName={sceneName(c?.previewSceneId)} canvasRef={preview} failed={failed} note={note} overlay={overlay} />
          <TransitionButton />
        </>
      )}
      <MonitorView kind="Program" sceneName={sceneName(c?.programSceneId)} canvasRef={program} failed={failed} note={note ?? elsewhere ?? slate} onAir={live?.streaming === 'live'} overlay={studioMode ? null : overlay} />
    </section>
  );
}

/** The bitmap becomes the canvas's (no copy); the canvas takes its size so the aspect ratio holds. */
function show(canvas: HTMLCanvasElement | null, bitmap: ImageBitmap): void {
  if (!canvas) return;
  if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
  }
  canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap);
}
