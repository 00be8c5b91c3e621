import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { ChartSelection, ECOption } from './echarts';

// happy-dom has no canvas: ECharts' init is replaced by a chart that records what it is told.
type Handler = (params: Record<string, unknown>) => void;
const fake = {
  handlers: new Map<string, Handler>(),
  setOption: vi.fn(),
  setTheme: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(),
  getDataURL: vi.fn(() => 'data:image/png;base64,AAAA'),
  on(event: string, handler: Handler) {
    this.handlers.set(event, handler);
  },
};
const init = vi.fn((_element: HTMLElement, _theme: object, _opts: object) => fake);
vi.mock('./echarts', () => ({ init: (element: HTMLElement, theme: object, opts: object) => init(element, theme, opts) }));

const { default: Chart } = await import('./Chart.svelte');

// The observers and media queries the chart subscribes to, so a test can fire them.
let observed: { callback: () => void; disconnected: boolean }[] = [];
class FakeResizeObserver {
  record: { callback: () => void; disconnected: boolean };
  constructor(callback: () => void) {
    this.record = { callback, disconnected: false };
    observed.push(this.record);
  }
  observe() {}
  disconnect() {
    this.record.disconnected = true;
  }
}
let schemeListeners: (() => void)[] = [];

const bars = (values: number[]): ECOption => ({
  xAxis: { type: 'category', data: values.map((_, i) => `m${i}`) },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: values }],
});

let component: ReturnType<typeof mount> | undefined;
let picked: ChartSelection[] = [];

function show(option: ECOption) {
  const props = $state({ option, label: '销售漏斗', testid: 'chart-funnel', onselect: (s: ChartSelection) => picked.push(s) });
  component = mount(Chart, { target: document.body, props });
  flushSync();
  return props;
}

const click = (params: Record<string, unknown>) => fake.handlers.get('click')!(params);

beforeEach(() => {
  picked = [];
  observed = [];
  schemeListeners = [];
  fake.handlers.clear();
  vi.clearAllMocks();
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('matchMedia', () => ({
    matches: false,
    addEventListener: (_: string, listener: () => void) => schemeListeners.push(listener),
    removeEventListener: (_: string, listener: () => void) => (schemeListeners = schemeListeners.filter((l) => l !== listener)),
  }));
});
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  vi.unstubAllGlobals();
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
});

describe('a chart', () => {
  it('is one labelled image, drawn on canvas in the theme, with its option set whole', () => {
    const option = bars([3, 1]);
    show(option);
    const element = document.querySelector('[data-testid="chart-funnel"]')!;
    expect(element.getAttribute('role')).toBe('img');
    expect(element.getAttribute('aria-label')).toBe('销售漏斗');
    expect(init).toHaveBeenCalledTimes(1);
    const [target, theme, opts] = init.mock.calls[0]!;
    expect(target).toBe(element);
    expect(opts).toEqual({ renderer: 'canvas' });
    expect(theme).toMatchObject({ textStyle: { color: '#1d2330' }, valueAxis: { axisLabel: { color: '#6b7280' } } });
    expect(fake.setOption).toHaveBeenCalledTimes(1);
    expect(fake.setOption).toHaveBeenCalledWith(option, { notMerge: true });
  });

  it('replaces its option when the option changes', () => {
    const props = show(bars([3, 1]));
    const next = bars([5, 2, 1]);
    props.option = next;
    flushSync();
    expect(fake.setOption).toHaveBeenCalledTimes(2);
    expect(fake.setOption).toHaveBeenLastCalledWith(next, { notMerge: true });
    expect(init).toHaveBeenCalledTimes(1);
  });

  it('reports a click on a data item, and not one on an axis', () => {
    show(bars([3, 1]));
    click({ componentType: 'series', seriesIndex: 0, dataIndex: 1, name: 'm1', value: 1, event: {} });
    click({ componentType: 'series', seriesIndex: 2, dataIndex: 7, name: '周三', value: [2, 3, 9] });
    click({ componentType: 'xAxis', name: 'm0', value: 'm0' });
    expect(picked).toEqual([
      { seriesIndex: 0, dataIndex: 1, name: 'm1', value: 1 },
      { seriesIndex: 2, dataIndex: 7, name: '周三', value: [2, 3, 9] },
    ]);
  });

  it('resizes with its box', () => {
    show(bars([1]));
    expect(observed).toHaveLength(1);
    observed[0]!.callback();
    expect(fake.resize).toHaveBeenCalledTimes(1);
  });

  it('takes the new colours when the system switches to dark', () => {
    show(bars([1]));
    document.documentElement.style.setProperty('--text', '#e6e8ec');
    document.documentElement.style.setProperty('--muted', '#9aa1ad');
    for (const listener of schemeListeners) listener();
    expect(fake.setTheme).toHaveBeenCalledTimes(1);
    expect(fake.setTheme.mock.calls[0]![0]).toMatchObject({ textStyle: { color: '#e6e8ec' }, categoryAxis: { axisLabel: { color: '#9aa1ad' } } });
  });

  it('exports a PNG at twice the pixels on the theme background', () => {
    show(bars([1]));
    document.documentElement.style.setProperty('--bg', '#16181d');
    const url = (component as unknown as { png: () => string }).png();
    expect(url).toBe('data:image/png;base64,AAAA');
    expect(fake.getDataURL).toHaveBeenCalledWith({ type: 'png', pixelRatio: 2, backgroundColor: '#16181d' });
  });

  it('lets go of everything when it goes away', () => {
    show(bars([1]));
    expect(schemeListeners).toHaveLength(1);
    unmount(component!);
    component = undefined;
    expect(fake.dispose).toHaveBeenCalledTimes(1);
    expect(observed[0]!.disconnected).toBe(true);
    expect(schemeListeners).toHaveLength(0);
  });
});
