// A chart in the mini-program: a 2d <Canvas> node (WeChat's same-layer canvas), found by a selector query after it
// is laid out, drawn by F2 (chart-draw.ts).
import { useEffect, useMemo } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { CHART_HEIGHT, drawChart, type ChartData } from './chart-draw';

export type { ChartData } from './chart-draw';

let made = 0;

export function ChartView(props: { data: ChartData; label: string }) {
  const id = useMemo(() => `chart${++made}`, []);
  const key = JSON.stringify(props.data);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let gone = false;
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: { width: number; height: number; getContext(type: '2d'): CanvasRenderingContext2D }; width: number; height: number } | null>) => {
          const found = res[0];
          if (gone || !found?.node) return;
          const { pixelRatio } = Taro.getSystemInfoSync();
          found.node.width = found.width * pixelRatio;
          found.node.height = found.height * pixelRatio;
          chart = drawChart(found.node.getContext('2d'), { width: found.width, height: found.height, pixelRatio }, props.data);
        });
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the figures change, not on every render
  }, [key]);
  return (
    <View className='ui-chart' ariaLabel={props.label}>
      <Canvas type='2d' id={id} style={{ width: '100%', height: `${CHART_HEIGHT}px` }} />
    </View>
  );
}
