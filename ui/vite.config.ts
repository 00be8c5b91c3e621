import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The desktop shell freezes Object.prototype (Tauri's `freezePrototype`), and ECharts' scheduler
 * copies every name of two classes' prototypes, `constructor` included, onto plain objects as
 * it loads: assigning a name a frozen prototype holds throws in strict code, and the Reports
 * screen would not open. The copies get no prototype of their own instead. The build fails if
 * ECharts no longer reads as expected, so an upgrade is looked at again.
 */
function echartsUnderFrozenPrototype(): Plugin {
  const mocks = 'var ecModelMock = {};\nvar apiMock = {};';
  return {
    name: 'carnet-echarts-frozen-prototype',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/echarts/lib/core/Scheduler.js')) return null;
      if (!code.includes(mocks)) {
        this.error('echarts/lib/core/Scheduler.js changed: check it under a frozen Object.prototype');
      }
      return code.replace(mocks, 'var ecModelMock = Object.create(null);\nvar apiMock = Object.create(null);');
    },
  };
}

export default defineConfig({
  plugins: [svelte(), echartsUnderFrozenPrototype()],
  // Tauri serves the built files itself; relative paths keep them loadable from any origin.
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    target: 'safari16',
    outDir: 'dist',
    emptyOutDir: true,
    // One CSS file and no inline scripts: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    // The Reports chunk carries ECharts (loaded on first use, not at start): about 640 kB.
    chunkSizeWarningLimit: 700,
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
