// Apache ECharts, only the parts the Reports screen draws with. Importing `echarts` whole
// would bring maps (whose GeoJSON loader can fall back to `new Function`), the SVG renderer,
// toolbox, data zoom and the rest; this keeps the bundle small and the CSP
// (`script-src 'self'`, no network) honest: none of these modules evaluates code or fetches.
import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import type {
  BarSeriesOption,
  FunnelSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  FunnelChart,
  PieChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** An option built only from the series and components registered above. */
export type ECOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | PieSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

export { init, type ECharts };

/** What a click on a bar, slice, funnel step or heatmap cell picked. */
export type ChartSelection = { seriesIndex: number; dataIndex: number; name: string; value: unknown };
