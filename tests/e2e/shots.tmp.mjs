import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { remote } from 'webdriverio';
const APP = '/work/main/target/debug/carnet-desktop-e2e';
const CLI = '/work/main/target/debug/carnet';
const OUT = process.env.OUT;
const home = mkdtempSync(path.join(tmpdir(), 'carnet-shots-'));
for (const d of ['data', 'config', 'cache']) mkdirSync(path.join(home, d));
const db = path.join(home, 'carnet.db');
execFileSync(CLI, ['--db', db, 'demo', '--customers', '2000', '--interactions', '20000']);
if (process.env.LANGSET) execFileSync(CLI, ['--db', db, 'report', 'tiers']);
const driver = spawn('tauri-driver', ['--port', '4455', '--native-port', '4456'], {
  env: { ...process.env, CARNET_DB: db, XDG_DATA_HOME: path.join(home, 'data'), XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
  stdio: 'ignore',
});
await new Promise((r) => setTimeout(r, 1500));
const b = await remote({ hostname: '127.0.0.1', port: 4455, logLevel: 'warn', capabilities: { 'tauri:options': { application: APP, args: [] }, 'wdio:enforceWebDriverClassic': true } });
const $id = (id) => b.$(`[data-testid="${id}"]`);
const shot = async (name) => { await b.pause(1200); await b.saveScreenshot(path.join(OUT, `${name}.png`)); };
try {
  await (await $id('nav-today')).waitForDisplayed({ timeout: 20000 });
  await shot('today');
  await (await $id('nav-reports')).click();
  await (await $id('reports-page')).waitForDisplayed({ timeout: 20000 });
  await (await $id('period-this_year')).click();
  await shot('funnel');
  for (const k of ['sources', 'tiers', 'grid', 'pareto', 'lookalikes', 'satisfaction', 'compliance', 'levels']) {
    await (await $id(`report-tab-${k}`)).click();
    await shot(k);
  }
  await (await $id('nav-customers')).click();
  const row = await $id('customer-row');
  await row.waitForDisplayed({ timeout: 20000 });
  await row.click();
  await (await $id('customer-value')).waitForDisplayed({ timeout: 20000 });
  await shot('customer');
  await (await $id('nav-settings')).click();
  await shot('settings');
} finally {
  await b.deleteSession();
  driver.kill();
}
