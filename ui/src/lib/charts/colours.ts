// The colours charts and badges share: one definition per concept (UI guide, visual language).
import type { Level } from '../bindings';

/** Level colours everyone learns once: H red, A orange, B amber, C blue, N grey, O violet, D green, F slate. */
export const levelColours: Record<Level, string> = {
  H: '#d93025',
  A: '#e8710a',
  B: '#c99700',
  C: '#1a73e8',
  N: '#80868b',
  O: '#8e44ad',
  D: '#188038',
  F: '#5f6b7a',
};

/** The app's colours a chart is drawn in, read from app.css so charts follow light and dark. */
export type ThemeColours = {
  bg: string;
  panel: string;
  text: string;
  muted: string;
  border: string;
  accent: string;
  danger: string;
  success: string;
  font: string;
};

/** app.css's light theme: what a chart uses when the variables cannot be read (tests, SSR). */
const light: ThemeColours = {
  bg: '#ffffff',
  panel: '#fafbfc',
  text: '#1d2330',
  muted: '#6b7280',
  border: '#e3e6eb',
  accent: '#2f6fed',
  danger: '#c62828',
  success: '#2e7d32',
  font: "system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
};

const variables: Record<Exclude<keyof ThemeColours, 'font'>, string> = {
  bg: '--bg',
  panel: '--panel-bg',
  text: '--text',
  muted: '--muted',
  border: '--border',
  accent: '--accent',
  danger: '--danger',
  success: '--success',
};

/** The current theme's colours from the CSS variables on `root` (the light ones where unset). */
export function readThemeColours(root: Element = document.documentElement): ThemeColours {
  const style = getComputedStyle(root);
  const colours = { ...light };
  for (const [key, variable] of Object.entries(variables) as [keyof typeof variables, string][]) {
    const value = style.getPropertyValue(variable).trim();
    if (value) colours[key] = value;
  }
  const font = style.fontFamily.trim();
  if (font) colours.font = font;
  return colours;
}

/**
 * Calm colours for series that are not levels (sources, models, tiers…): the accent first,
 * then muted tones that stay apart from the level colours' reds and oranges.
 */
export function seriesPalette(colours: ThemeColours): string[] {
  return [colours.accent, '#2a9d8f', '#7a8699', '#8c7ae6', '#4aa3c7', '#b08d57', '#a3acb9', '#5c7cbf'];
}

/** A heatmap's scale: from the panel's own background to the accent, in either theme. */
export function sequentialColours(colours: ThemeColours): [string, string] {
  return [colours.panel, colours.accent];
}
