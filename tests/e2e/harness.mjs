// What the end-to-end tests (app.test.mjs) and the user guide's screenshots
// (guide-screenshots.mjs) share: starting tauri-driver on a free port, finding Carnet's
// processes and single-instance names, and reading elements by their data-testid.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { remote } from 'webdriverio';

export const TIMEOUT = 20_000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitForDriver(port, child) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tauri-driver did not start');
}

/**
 * A tauri-driver on free ports whose Carnet opens the book in `home` (carnet.db) with its
 * data, config and cache folders there, plus `extraEnv` (the e2e build's dialog answers).
 */
export async function spawnDriver(command, home, extraEnv, stdio) {
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn(command, ['--port', String(port), '--native-port', String(nativePort)], {
    env: {
      ...process.env,
      CARNET_DB: path.join(home, 'carnet.db'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      NO_AT_BRIDGE: '1',
      ...extraEnv,
    },
    stdio,
  });
  await waitForDriver(port, driver);
  return { driver, port };
}

/** Starts Carnet (`app`, the e2e build) through the tauri-driver on `port`. */
export function connect(port, app) {
  return remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'warn',
    connectionRetryTimeout: 180_000, // a cold first WebKit start on a loaded machine is slow
    connectionRetryCount: 0,
    capabilities: {
      'tauri:options': { application: app, args: [] },
      'wdio:enforceWebDriverClassic': true,
    },
  });
}

/** Pids of Carnet processes running on the book in `home` (Linux: read from /proc). */
export function appPids(home) {
  const marker = `CARNET_DB=${path.join(home, 'carnet.db')}`;
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('carnet-desktop')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Carnet's single-instance names on the session bus (one per open book). */
export function instanceNames() {
  const out = execFileSync('dbus-send', [
    '--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
    'org.freedesktop.DBus.ListNames',
  ]).toString();
  return out.match(/app\.carnet\.book\w+/g) ?? [];
}

/** `promise`, or an error naming `what` once `ms` have passed without its answer: a WebDriver
 *  call that never answers (a snapshot WebKit does not finish) must not stall the run. */
export function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export async function until(condition, ms) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return condition();
}

export const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);

export async function waitForText(browser, id, expected) {
  const el = await byTestId(browser, id);
  await el.waitForDisplayed({ timeout: TIMEOUT });
  await browser.waitUntil(async () => (await el.getText()).includes(expected), {
    timeout: TIMEOUT,
    timeoutMsg: `[data-testid=${id}] never showed "${expected}"; it shows "${await el.getText()}"`,
  });
  return el;
}

/**
 * Goes to a screen from the sidebar (Carnet starts on Today), and waits until the screen is
 * shown and none of its sections is still being read (`aria-busy`): a section that loads
 * moves those below it, and a click aimed at one of them would land on whatever took its place.
 */
export async function goTo(browser, screen) {
  const item = await byTestId(browser, `nav-${screen}`);
  await item.waitForDisplayed({ timeout: TIMEOUT });
  await item.click();
  await browser.waitUntil(
    () => browser.execute(
      (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('aria-current') === 'page'
        && !document.querySelector('main [aria-busy="true"]'),
      `nav-${screen}`,
    ),
    { timeout: TIMEOUT, timeoutMsg: `the ${screen} screen never finished loading` },
  );
}

/**
 * Removes a temporary home. WebKit's helper processes can still be writing their shader
 * cache for a moment after Carnet exits, so a failed removal is retried, then only
 * reported: a leftover temporary folder is not a failure of the app.
 */
export async function removeHome(home) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      return;
    } catch (error) {
      if (attempt === 4) console.error(`could not remove ${home}: ${error.message}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export async function type(browser, id, value) {
  const input = await byTestId(browser, id);
  await input.waitForDisplayed({ timeout: TIMEOUT });
  await input.setValue(value);
}

export async function choose(browser, id, value) {
  const select = await byTestId(browser, id);
  await select.waitForDisplayed({ timeout: TIMEOUT });
  await select.selectByAttribute('value', value);
}

/** A local date `days` from today, as "YYYY-MM-DD". */
export function localDay(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
