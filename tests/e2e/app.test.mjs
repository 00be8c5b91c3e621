// End-to-end tests of the real Carnet window (WebKitGTK), driven through tauri-driver and
// WebKitWebDriver using only what a consultant sees and presses: no injected script.
//
// Each test gets its own book and its own data/config/cache folders, and its own
// tauri-driver, so tests never share state. Run under Xvfb and a D-Bus session (see
// tests/e2e/run.sh, which `make e2e` calls).
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = process.env.CARNET_APP ?? path.resolve(here, '../../target/debug/carnet-desktop');
const CLI = process.env.CARNET_CLI ?? path.resolve(here, '../../target/debug/carnet');
const DRIVER = process.env.TAURI_DRIVER ?? 'tauri-driver';
const ARTIFACTS = path.join(here, 'artifacts');
const TIMEOUT = 20_000;

let current = null; // { driver, browser, home, name }

function freePort() {
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

async function waitForDriver(port, child) {
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

/** A fresh home for one test: its own book and XDG folders, and a tauri-driver using them. */
async function startDriver(name) {
  const home = mkdtempSync(path.join(tmpdir(), `carnet-e2e-${name}-`));
  for (const dir of ['data', 'config', 'cache']) mkdirSync(path.join(home, dir));
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn(DRIVER, ['--port', String(port), '--native-port', String(nativePort)], {
    env: {
      ...process.env,
      CARNET_DB: path.join(home, 'carnet.db'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      NO_AT_BRIDGE: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  driver.stderr.on('data', (chunk) => (log += chunk));
  await waitForDriver(port, driver);
  current = { driver, port, home, name, browser: null, log: () => log };
  return current;
}

/** Starts Carnet (again) on this test's book. */
async function launch() {
  current.browser = await remote({
    hostname: '127.0.0.1',
    port: current.port,
    logLevel: 'warn',
    capabilities: {
      'tauri:options': { application: APP, args: [] },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  return current.browser;
}

async function quit() {
  if (current?.browser) {
    await current.browser.deleteSession().catch(() => {});
    current.browser = null;
  }
}

const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);

async function waitForText(browser, id, expected) {
  const el = await byTestId(browser, id);
  await el.waitForDisplayed({ timeout: TIMEOUT });
  await browser.waitUntil(async () => (await el.getText()).includes(expected), {
    timeout: TIMEOUT,
    timeoutMsg: `[data-testid=${id}] never showed "${expected}"; it shows "${await el.getText()}"`,
  });
  return el;
}

/** The visible text of each customer row, cells joined by " | ". */
async function rowTexts(browser) {
  const rows = await browser.$$('[data-testid="customer-row"]');
  const texts = [];
  for (const row of rows) {
    const cells = [];
    for (const cell of await row.$$('td')) cells.push(await cell.getText());
    texts.push(cells.join(' | '));
  }
  return texts;
}

async function addCustomer(browser, name, phone) {
  const nameInput = await byTestId(browser, 'customer-name-input');
  await nameInput.waitForDisplayed({ timeout: TIMEOUT });
  await nameInput.setValue(name);
  if (phone !== undefined) await (await byTestId(browser, 'customer-phone-input')).setValue(phone);
  await (await byTestId(browser, 'customer-add-submit')).click();
}

before(() => mkdirSync(ARTIFACTS, { recursive: true }));

afterEach(async (t) => {
  if (!current) return;
  if (current.browser) {
    await current.browser
      .saveScreenshot(path.join(ARTIFACTS, `${current.name}.png`))
      .catch(() => {});
  }
  await quit();
  current.driver.kill();
  if (process.env.CARNET_E2E_KEEP !== '1') rmSync(current.home, { recursive: true, force: true });
  if (t.passed === false) console.error(current.log());
  current = null;
});

after(() => {
  if (current) current.driver.kill();
});

test('a consultant adds 张三 with a phone, and he is still there after a restart', async () => {
  await startDriver('add-and-restart');
  let browser = await launch();
  assert.equal(await browser.getTitle(), 'Carnet');
  await waitForText(browser, 'customers-empty', '还没有客户');

  await addCustomer(browser, '张三', '138 1234 5678');
  await waitForText(browser, 'customer-row', '张三');
  assert.match((await rowTexts(browser))[0], /^张三 \| 138 1234 5678 \| /);
  await waitForText(browser, 'form-status', '已添加 张三');
  assert.equal(await (await byTestId(browser, 'customer-name-input')).getValue(), '', 'form cleared');

  await quit();
  browser = await launch();
  await waitForText(browser, 'customer-row', '张三');
  const rows = await rowTexts(browser);
  assert.equal(rows.length, 1, `one customer after restart: ${rows}`);
  assert.match(rows[0], /^张三 \| 138 1234 5678 \| /);
  await waitForText(browser, 'customer-count', '共 1 位');
});

test('an empty name is refused with the error next to the field, and nothing is saved', async () => {
  await startDriver('empty-name');
  const browser = await launch();
  await waitForText(browser, 'customers-empty', '还没有客户');

  await addCustomer(browser, '   ', '138 1234 5678');
  await waitForText(browser, 'name-error', '请填写姓名');
  const name = await byTestId(browser, 'customer-name-input');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal((await rowTexts(browser)).length, 0, 'no row was added');
  await waitForText(browser, 'customers-empty', '还没有客户');

  // Fixing the name and submitting again adds the customer and clears the error.
  await name.setValue('李四');
  await (await byTestId(browser, 'customer-add-submit')).click();
  await waitForText(browser, 'customer-row', '李四');
  assert.equal(await (await byTestId(browser, 'name-error')).isExisting(), false);
});

test('a bad phone is refused, and English chosen in Settings stays after a restart', async () => {
  await startDriver('language');
  let browser = await launch();
  await waitForText(browser, 'customers-empty', '还没有客户');

  await (await byTestId(browser, 'nav-settings')).click();
  await (await byTestId(browser, 'language-en')).click();
  await waitForText(browser, 'nav-customers', 'Customers');

  await (await byTestId(browser, 'nav-customers')).click();
  await addCustomer(browser, 'Zhang San', '12345');
  await waitForText(browser, 'phone-error', '"12345" is not a valid phone number');
  assert.equal((await rowTexts(browser)).length, 0);

  await quit();
  browser = await launch();
  await waitForText(browser, 'nav-customers', 'Customers');
  await waitForText(browser, 'customers-empty', 'No customers yet');
});

test('a book written by a newer Carnet is refused with a clear message and left unchanged', async () => {
  const { home } = await startDriver('newer-book');
  const book = path.join(home, 'carnet.db');
  execFileSync(CLI, ['--db', book, 'add', '--name', '张三']);
  // What a future Carnet would leave: a higher user_version (header bytes 60-63, big-endian).
  const bytes = readFileSync(book);
  bytes.writeUInt32BE(999, 60);
  writeFileSync(book, bytes);

  const browser = await launch();
  await waitForText(browser, 'book-error', '更新版本的 Carnet');
  assert.equal(await (await byTestId(browser, 'customer-form')).isExisting(), false);
  await browser.saveScreenshot(path.join(ARTIFACTS, 'newer-book.png'));
  await quit();
  assert.ok(readFileSync(book).equals(bytes), 'the book is byte-for-byte unchanged');
});
