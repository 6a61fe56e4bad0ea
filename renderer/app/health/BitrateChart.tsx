/**
 * Each destination's bitrate over the last minute, one line each, drawn with
 * uPlot (a small canvas chart: one redraw a second costs well under a
 * millisecond). The chart is made once per set of destinations and given new
 * data on every snapshot; it follows its box's width as the docks are resized.
 *
 * The legend is ours, not uPlot's: it names each line in words with its latest
 * rate and how many points it has (data-points, which the end-to-end test reads).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatBitrate } from '../format';
import { HISTORY_WINDOW_S, pointCount, type BitrateSeries, type BitrateWindow } from './bitrate-history';

/** Chart height in CSS pixels, axes included: enough for three gridlines in a narrow dock. */
export const CHART_HEIGHT_PX = 140;
/** Line colours, in the order destinations first appear; picked to read on the dark panel. */
const LINE_COLOURS = ['#3d8bfd', '#30a46c', '#f5a524', '#c084fc', '#2dd4bf', '#f472b6'] as const;
/** The y axis reaches at least this (kb/s), so a starting stream does not look like a cliff. */
const MIN_Y_MAX_KBPS = 500;
const AXIS_COLOUR = '#9aa3b5';
const GRID_COLOUR = '#2c3342';

export const lineColour = (index: number) => LINE_COLOURS[index % LINE_COLOURS.length]!;

function chartData(w: BitrateWindow): uPlot.AlignedData {
  return [w.times, ...w.series.map((s) => s.values)];
}

function chartOptions(series: readonly BitrateSeries[], width: number): uPlot.Options {
  const axis = { stroke: AXIS_COLOUR, grid: { stroke: GRID_COLOUR, width: 1 }, ticks: { show: false }, font: '11px system-ui, sans-serif' };
  return {
    width,
    height: CHART_HEIGHT_PX,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      // Always the last minute, ending at the newest sample, so the line moves left as time passes.
      // (No data yet gives no max: an empty minute ending now.)
      x: { time: true, range: (_u, _min, max) => (Number.isFinite(max) ? [max - HISTORY_WINDOW_S, max] : [Date.now() / 1000 - HISTORY_WINDOW_S, Date.now() / 1000]) },
      y: { range: (_u, _min, max) => [0, Math.max(MIN_Y_MAX_KBPS, Number.isFinite(max) ? max * 1.15 : 0)] },
    },
    axes: [
      { ...axis, size: 22, values: (_u, splits) => splits.map((s) => new Date(s * 1000).toLocaleTimeString([], { minute: '2-digit', second: '2-digit' })) },
      { ...axis, size: 58, space: 24, values: (_u, splits) => splits.map((kbps) => formatBitrate(kbps)) },
    ],
    series: [{}, ...series.map((s, i) => ({ label: s.name, stroke: lineColour(i), width: 2, points: { show: false } }))],
  };
}

export function BitrateChart({ data: w }: { data: BitrateWindow }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // The lines' identity: a destination added, removed or renamed makes a new chart.
  const shape = w.series.map((s) => `${s.id}\u0000${s.name}`).join('\u0001');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(chartOptions(w.series, el.clientWidth || 300), chartData(w), el);
    chart.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: CHART_HEIGHT_PX }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
    // Remade only when the lines change (`shape`); new values go through setData below.
  }, [shape]);

  useEffect(() => {
    chart.current?.setData(chartData(w));
  }, [w]);

  return (
    <figure className="bitrate-chart">
      <div ref={box} className="bitrate-plot" role="img" aria-label={`Bitrate over the last ${HISTORY_WINDOW_S} seconds, per destination`} />
      <figcaption>
        {w.series.length === 0 && <p className="muted small">The chart fills as the measurements arrive, one a second.</p>}
        <ul className="bitrate-legend" aria-label="Bitrate per destination">
          {w.series.map((s, i) => (
            <li key={s.id} data-series-id={s.id} data-points={pointCount(s)}>
              <span className="swatch" style={{ background: lineColour(i) }} aria-hidden="true" />
              <span className="grow">{s.name}</span>
              <span className="rate">{latest(s)}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function latest(s: BitrateSeries): string {
  const v = s.values.at(-1);
  return v === null || v === undefined ? '–' : formatBitrate(v);
}
