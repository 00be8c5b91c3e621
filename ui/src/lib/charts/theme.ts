// An ECharts theme made from the app's CSS colours, so text, axes and tooltips fit light and dark.
import { seriesPalette, sequentialColours, type ThemeColours } from './colours';

export function chartTheme(c: ThemeColours): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: c.border } },
    axisTick: { lineStyle: { color: c.border } },
    axisLabel: { color: c.muted },
    splitLine: { lineStyle: { color: [c.border] } },
    nameTextStyle: { color: c.muted },
  };
  return {
    color: seriesPalette(c),
    backgroundColor: 'transparent',
    textStyle: { color: c.text, fontFamily: c.font, fontSize: 12 },
    legend: { textStyle: { color: c.muted }, inactiveColor: c.border },
    tooltip: {
      backgroundColor: c.bg,
      borderColor: c.border,
      textStyle: { color: c.text, fontFamily: c.font },
    },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    logAxis: axis,
    visualMap: { textStyle: { color: c.muted }, inRange: { color: sequentialColours(c) } },
    pie: { label: { color: c.text }, itemStyle: { borderColor: c.bg, borderWidth: 1 } },
    funnel: { label: { color: c.text }, itemStyle: { borderColor: c.bg, borderWidth: 1 } },
    heatmap: { label: { color: c.text }, itemStyle: { borderColor: c.bg, borderWidth: 1 } },
  };
}
