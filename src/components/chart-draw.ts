// Charts (issue 12) with @antv/f2 5: one drawing for both builds — the weapp's 2d canvas node and the H5 canvas
// element each give a 2d context, and F2 draws on it. Only the reports subpackage imports this (F2 stays out of the
// main and role packages).
import { Axis, Canvas, Chart, Interval, Legend, Line, jsx } from '@antv/f2';

/** Bars of one series (persons by category, open cases by state), or lines over months (trends). */
export type ChartData =
  | { kind: 'bars'; items: Array<{ label: string; value: number }> }
  | { kind: 'lines'; x: string[]; series: Array<{ name: string; values: number[] }> };

export const CHART_HEIGHT = 220;

// F2's classic el() is typed for class components with optional props; its chart components require theirs.
const el = jsx as unknown as (type: unknown, props: object) => ReturnType<typeof jsx>;

function chartOf(data: ChartData) {
  if (data.kind === 'bars') {
    return el(Chart, {
      data: data.items.map((i) => ({ label: i.label, value: i.value })),
      coord: { transposed: true },
      scale: { value: { min: 0, tickCount: 4 } },
      children: [el(Axis, { field: 'label' }), el(Axis, { field: 'value' }), el(Interval, { x: 'label', y: 'value', color: '#1677ff' })],
    });
  }
  const rows = data.series.flatMap((s) => s.values.map((value, i) => ({ month: data.x[i]!.slice(5), value, name: s.name })));
  return el(Chart, {
    data: rows,
    scale: { value: { min: 0, tickCount: 4 } },
    children: [el(Axis, { field: 'month' }), el(Axis, { field: 'value' }), el(Line, { x: 'month', y: 'value', color: 'name' }), el(Legend, { position: 'top' })],
  });
}

/** Draws `data` on a 2d context of a canvas already sized `width`×`height` CSS pixels at `pixelRatio`. */
export function drawChart(context: CanvasRenderingContext2D, size: { width: number; height: number; pixelRatio: number }, data: ChartData): { destroy(): void } {
  const canvas = new Canvas({ context, width: size.width, height: size.height, pixelRatio: size.pixelRatio, animate: false, children: chartOf(data) });
  void canvas.render();
  return canvas;
}
