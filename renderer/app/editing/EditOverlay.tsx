/**
 * The editing layer over the monitor that shows the edited scene. A press picks
 * the top-most shown, unlocked item under the pointer (or grabs a handle of the
 * selected one); dragging moves, resizes, crops (Alt) or rotates it. The outline
 * follows the pointer at once; the studio gets the transform at most
 * SEND_INTERVAL_MS apart while the drag lasts and the exact final one on
 * release (the one Ctrl+Z takes back), so the program follows live without
 * flooding the bridge. Arrow keys, Delete, Escape and Ctrl+Z act on the
 * selection when it has focus.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { Transform } from '../../../preload/contract';
import { throttle } from '../program/throttle';
import { useStudioView } from '../studio-context';
import { useEditor } from './editing-context';
import { itemCorners, letterbox, outputToScreen, screenToOutput, type Point, type Size } from './geometry';
import { handlePoint, HANDLES } from './handles';
import { applyGesture, cursorFor, rotateHandlePoint, SEND_INTERVAL_MS, startGesture, type Gesture } from './pointer-gesture';
import type { Guide } from './snapping';
import { roundTransform } from './transform-ops';
import { useElementSize } from './use-element-size';
import { useNaturalSize } from './use-natural-size';

/** After release, the outline keeps the dropped transform until the studio's state says so, or this long. */
const SETTLE_MS = 1500;

interface Draft {
  itemId: string;
  transform: Transform;
}

const sameTransform = (a: Transform, b: Transform) => JSON.stringify(a) === JSON.stringify(b);

export function EditOverlay({ output }: { output: Size }) {
  const editor = useEditor();
  const { scene, selected } = editor;
  const { state } = useStudioView();
  const natural = useNaturalSize(state?.collection.sources.find((s) => s.id === selected?.sourceId));
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  const lb = size.width > 0 ? letterbox(size, output) : null;
  const gesture = useRef<Gesture | null>(null);
  // The drag's latest transform, read on release (state may not have re-rendered yet).
  const moved = useRef<Draft | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [guides, setGuides] = useState<Guide[]>([]);
  const [cursor, setCursor] = useState('default');
  // The item a click would pick, outlined faintly as the pointer passes over it.
  const [hoverId, setHoverId] = useState<string | null>(null);
  // The latest update function, so the throttle made once always sends through the current scene.
  const update = useRef(editor.update);
  update.current = editor.update;
  const sender = useMemo(() => throttle<Draft>((d) => void update.current(d.itemId, { transform: d.transform }), SEND_INTERVAL_MS), []);
  useEffect(() => () => sender.cancel(), [sender]);

  // The dropped transform has arrived (or is late): show the studio's own again.
  const studioTransform = scene?.items.find((i) => i.id === draft?.itemId)?.transform;
  useEffect(() => {
    if (!draft || gesture.current) return;
    if (!studioTransform || sameTransform(studioTransform, draft.transform)) return setDraft(null);
    const timer = setTimeout(() => setDraft(null), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, studioTransform]);

  const toOutput = (e: PointerEvent): Point | null => {
    const rect = box.current?.getBoundingClientRect();
    return rect && lb ? screenToOutput({ x: e.clientX - rect.left, y: e.clientY - rect.top }, lb) : null;
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !scene || !lb) return;
    const p = toOutput(e);
    if (!p) return;
    e.currentTarget.focus();
    const g = startGesture(scene.items, selected, p, lb.scale, { shift: e.shiftKey, alt: e.altKey });
    if (!g) return editor.deselect();
    if (g.itemId !== selected?.id) editor.select(g.itemId);
    gesture.current = g;
    moved.current = null;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    const p = toOutput(e);
    if (!p || !scene || !lb) return;
    // Hovering: the pointer shows what a press here would do.
    if (!g) {
      const would = startGesture(scene.items, selected, p, lb.scale, { shift: e.shiftKey, alt: e.altKey });
      setCursor(cursorFor(would));
      return setHoverId(would?.kind === 'move' ? would.itemId : null);
    }
    const next = applyGesture(g, scene.items, output, p, lb.scale, { shift: e.shiftKey, alt: e.altKey }, natural);
    const d = { itemId: g.itemId, transform: next.transform };
    moved.current = d;
    setDraft(d);
    setGuides(next.guides);
    sender.push(d);
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    gesture.current = null;
    setGuides([]);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    const last = moved.current;
    moved.current = null;
    if (!g || !last) return;
    // The exact final transform replaces whatever the throttle still held.
    sender.cancel();
    const final = { itemId: g.itemId, transform: roundTransform(last.transform) };
    setDraft(final);
    const item = scene?.items.find((i) => i.id === g.itemId);
    if (item) void editor.change(item, { transform: g.startTransform }, { transform: final.transform });
  };

  const hovered = hoverId ? scene?.items.find((i) => i.id === hoverId) : undefined;
  const shown = selected ? (draft?.itemId === selected.id ? draft.transform : selected.transform) : null;
  const name = scene?.name ?? 'the scene';
  return (
    <div
      ref={box}
      className="edit-overlay"
      style={{ cursor }}
      role="application"
      tabIndex={0}
      aria-label={`Edit ${name} on the monitor: click an item to select it; arrow keys move it (Shift: 10 px), Delete removes it, Ctrl+Z undoes, Escape deselects`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => setHoverId(null)}
      onKeyDown={(e) => {
        if (editor.handleKey(e)) e.preventDefault();
      }}
    >
      {lb && hovered && hovered.id !== selected?.id && <HoverOutline transform={hovered.transform} toScreen={(p) => outputToScreen(p, lb)} />}
      {lb && shown && selected && <SelectionFrame transform={shown} toScreen={(p) => outputToScreen(p, lb)} scale={lb.scale} locked={selected.locked} />}
      {lb && guides.length > 0 && <GuideLines guides={guides} toScreen={(p) => outputToScreen(p, lb)} output={output} />}
    </div>
  );
}

type ToScreen = (p: Point) => Point;
const points = (ps: readonly Point[]) => ps.map((p) => `${p.x},${p.y}`).join(' ');

/** The selected item's outline, its eight handles and the rotation handle on its stalk (a locked item: the outline only). */
function SelectionFrame({ transform, toScreen, scale, locked }: { transform: Transform; toScreen: ToScreen; scale: number; locked: boolean }) {
  const corners = itemCorners(transform).map(toScreen);
  const topMiddle = toScreen(handlePoint(transform, 'n'));
  const knob = toScreen(rotateHandlePoint(transform, scale));
  if (locked) {
    return (
      <svg className="edit-frame" aria-hidden="true">
        <polygon className="edit-outline edit-locked" points={points(corners)} />
      </svg>
    );
  }
  return (
    <svg className="edit-frame" aria-hidden="true">
      <polygon className="edit-outline" points={points(corners)} />
      <line className="edit-outline" x1={topMiddle.x} y1={topMiddle.y} x2={knob.x} y2={knob.y} />
      <circle className="edit-handle" cx={knob.x} cy={knob.y} r={5} />
      {HANDLES.map((h) => {
        const p = toScreen(handlePoint(transform, h));
        return <rect key={h} className="edit-handle" data-handle={h} x={p.x - 4} y={p.y - 4} width={8} height={8} />;
      })}
    </svg>
  );
}

function HoverOutline({ transform, toScreen }: { transform: Transform; toScreen: ToScreen }) {
  return (
    <svg className="edit-frame" aria-hidden="true">
      <polygon className="edit-hover" points={points(itemCorners(transform).map(toScreen))} />
    </svg>
  );
}

/** The lines an item snapped to, across the picture. */
function GuideLines({ guides, toScreen, output }: { guides: readonly Guide[]; toScreen: ToScreen; output: Size }) {
  return (
    <svg className="edit-frame" aria-hidden="true">
      {guides.map((g) => {
        const a = toScreen(g.axis === 'x' ? { x: g.at, y: 0 } : { x: 0, y: g.at });
        const b = toScreen(g.axis === 'x' ? { x: g.at, y: output.height } : { x: output.width, y: g.at });
        return <line key={`${g.axis}${g.at}`} className="edit-guide" data-guide={g.axis} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />;
      })}
    </svg>
  );
}
