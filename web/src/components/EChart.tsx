// A chart from an ECharts option. echarts is loaded on first use (a separate chunk), with a
// placeholder of the same height meanwhile.
import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { ChartProps } from './EChartCanvas';

export type { ChartOption } from './EChartCanvas';

const EChartCanvas = lazy(() => import('./EChartCanvas'));

/** Colours shared by the staffing charts: quota in the brand red, headcount in blue. */
export const CHART_COLORS = { quota: '#b7312c', headcount: '#1677ff', gap: '#fa8c16' };

export function EChart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 320 }} />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
