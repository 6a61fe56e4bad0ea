/** One monitor: the picture (or, without a compositor, the scene's name and why), and a caption. */
import type { ReactNode, RefObject } from 'react';

export interface MonitorViewProps {
  kind: 'Program' | 'Preview';
  sceneName: string;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** The compositor did not start: no canvas, the scene's name and the note (the error) instead. */
  failed: boolean;
  note: string | null;
  onAir?: boolean;
  /** The editing layer, on the monitor that shows the scene being edited. */
  overlay?: ReactNode;
}

export function MonitorView({ kind, sceneName, canvasRef, failed, note, onAir = false, overlay }: MonitorViewProps) {
  const testId = kind === 'Program' ? 'program-scene' : 'preview-scene';
  return (
    <figure className={`monitor monitor-${kind.toLowerCase()}`} aria-label={`${kind} monitor`}>
      <div className="monitor-screen">
        {failed ? (
          <p className="monitor-scene">{sceneName}</p>
        ) : (
          <canvas ref={canvasRef} className="monitor-canvas" role="img" aria-label={`${kind} picture: ${sceneName}`} width={16} height={9} />
        )}
        {note && (
          <p className={`monitor-note ${failed ? 'error-text' : ''}`} role={failed ? 'alert' : 'status'}>
            {note}
          </p>
        )}
        {overlay}
      </div>
      <figcaption>
        {kind}: <span data-testid={testId}>{sceneName}</span>
        {onAir && <span className="on-air"> · ON AIR</span>}
      </figcaption>
    </figure>
  );
}
