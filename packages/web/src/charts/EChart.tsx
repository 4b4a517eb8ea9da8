/**
 * A thin ECharts host: init on mount, setOption on change, resize with the box, dispose on
 * unmount. An optional `overlay` (a small option, e.g. a cursor) is merged on top without
 * rebuilding the main option; `onPick` reports the x value under a click (a chart → map sync).
 */
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

export function EChart({
  option,
  overlay,
  onPick,
  height = 320,
  testId,
  theme,
}: {
  option: object;
  overlay?: object;
  onPick?: (x: number) => void;
  height?: number | string;
  testId?: string;
  /** An ECharts theme name ('dark' on the big screen), fixed for the chart's life. */
  theme?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, theme, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    c.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      if (!pick.current || !c.containPixel('grid', [e.offsetX, e.offsetY])) return;
      const [x] = c.convertFromPixel({ seriesIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
      if (x !== undefined && Number.isFinite(x)) pick.current(x);
    });
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, true);
  }, [option]);
  useEffect(() => {
    if (overlay) chart.current?.setOption(overlay as echarts.EChartsCoreOption, false);
  }, [overlay, option]);
  return <div ref={box} style={{ width: '100%', height }} data-testid={testId} />;
}
