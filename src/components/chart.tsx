// A chart on H5 (and in page tests): a canvas element sized to its container, drawn by F2 (chart-draw.ts). The
// figures it draws are also on the page as text; the canvas is a picture of them.
import { useEffect, useRef } from 'react';
import { View } from '@tarojs/components';
import { CHART_HEIGHT, drawChart, type ChartData } from './chart-draw';

export type { ChartData } from './chart-draw';

export function ChartView(props: { data: ChartData; label: string }) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const key = JSON.stringify(props.data);
  useEffect(() => {
    const canvas = ref.current;
    // jsdom has no 2d context: page tests see the canvas, not a drawing.
    const context = canvas && typeof navigator !== 'undefined' && !/jsdom/.test(navigator.userAgent) ? canvas.getContext('2d') : null;
    if (!canvas || !context) return undefined;
    const width = canvas.parentElement?.clientWidth || 320;
    const pixelRatio = window.devicePixelRatio || 1;
    canvas.width = width * pixelRatio;
    canvas.height = CHART_HEIGHT * pixelRatio;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${CHART_HEIGHT}px`;
    const chart = drawChart(context, { width, height: CHART_HEIGHT, pixelRatio }, props.data);
    return () => chart.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the figures change, not on every render
  }, [key]);
  return (
    <View className='ui-chart'>
      {/* eslint-disable-next-line react/forbid-elements -- H5 only (the weapp has chart.weapp.tsx): F2 needs the canvas element itself, sized before it draws */}
      <canvas ref={ref} role='img' aria-label={props.label} data-chart={props.data.kind} />
    </View>
  );
}
