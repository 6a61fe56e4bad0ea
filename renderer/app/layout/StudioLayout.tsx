/**
 * The studio window's panes: the left docks, the monitors over the bottom dock
 * in the centre, the right docks, with a splitter between each that drags (or
 * moves with the arrow keys) and is remembered for next time. The centre takes
 * what the docks leave, never less than the monitors need (pane-sizes.ts).
 */
import { useRef, type ReactNode } from 'react';
import { Splitter } from './Splitter';
import './layout.css';
import { usePaneSizes } from './use-pane-sizes';

/** The splitters' own thickness, px (part of CHROME_WIDTH_PX). */
const SPLITTER_PX = 6;

export interface StudioLayoutProps {
  left: ReactNode;
  leftLabel: string;
  monitors: ReactNode;
  bottom: ReactNode;
  right: ReactNode;
  rightLabel: string;
}

export function StudioLayout({ left, leftLabel, monitors, bottom, right, rightLabel }: StudioLayoutProps) {
  const { sizes, resize } = usePaneSizes();
  const leftPane = useRef<HTMLElement>(null);
  const rightPane = useRef<HTMLElement>(null);
  const centre = useRef<HTMLDivElement>(null);
  const rect = (el: { current: Element | null }) => el.current?.getBoundingClientRect();
  return (
    <main className="layout" style={{ gridTemplateColumns: `${sizes.leftPx}px ${SPLITTER_PX}px minmax(0, 1fr) ${SPLITTER_PX}px ${sizes.rightPx}px` }}>
      <aside ref={leftPane} className="left-dock" aria-label={leftLabel}>
        {left}
      </aside>
      <Splitter
        pane="leftPx"
        label={`Resize: ${leftLabel}`}
        orientation="vertical"
        growsWith={1}
        size={sizes.leftPx}
        sizeOf={(x) => x - (rect(leftPane)?.left ?? 0)}
        onResize={resize}
      />
      <div ref={centre} className="centre" style={{ gridTemplateRows: `minmax(0, 1fr) ${SPLITTER_PX}px ${sizes.bottomPx}px` }}>
        {monitors}
        <Splitter
          pane="bottomPx"
          label="Resize: audio mixer"
          orientation="horizontal"
          growsWith={-1}
          size={sizes.bottomPx}
          sizeOf={(_x, y) => (rect(centre)?.bottom ?? 0) - y}
          onResize={resize}
        />
        <div className="bottom-pane">{bottom}</div>
      </div>
      <Splitter
        pane="rightPx"
        label={`Resize: ${rightLabel}`}
        orientation="vertical"
        growsWith={-1}
        size={sizes.rightPx}
        sizeOf={(x) => (rect(rightPane)?.right ?? 0) - x}
        onResize={resize}
      />
      <aside ref={rightPane} className="right-dock" aria-label={rightLabel}>
        {right}
      </aside>
    </main>
  );
}
