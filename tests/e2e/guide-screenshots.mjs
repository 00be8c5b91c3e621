// The user guide's pictures (docs/guide/img/<language>/<name>.png), taken from the real
// Carnet window through tauri-driver, never by hand, so that they never go stale.
//
// One demo book is made with the command line (`carnet demo`, plus a few customers made by
// hand so that every screen shown has something in it); then, for each language, Carnet is
// opened on a copy of it, switched to the language in Settings, and walked through the
// screens the guide shows. A screen this build does not have (say, the passphrase settings
// before they are merged) is skipped with a message; any other failure is reported and
// makes the run fail, after the other pictures are taken.
//
// Run by `make screenshots`, under Xvfb and a D-Bus session:
//   CARNET_APP=…/carnet-desktop-e2e CARNET_CLI=…/carnet node guide-screenshots.mjs [LANGUAGE…]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TIMEOUT, appPids, byTestId, choose, connect, goTo, instanceNames, localDay, removeHome, spawnDriver, type, until,
  waitForText,
} from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = process.env.CARNET_APP ?? path.resolve(here, '../../target/debug/carnet-desktop-e2e');
const CLI = process.env.CARNET_CLI ?? path.resolve(here, '../../target/debug/carnet');
const DRIVER = process.env.TAURI_DRIVER ?? 'tauri-driver';
const FIXTURES = path.resolve(here, '../fixtures');
const OUT = process.env.GUIDE_IMG ?? path.resolve(here, '../../docs/guide/img');
const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'];
// The phones of the customers made by hand that Today's pictures select.
const LI_PHONE = '139 1357 2468';
const WANG_PHONE = '137 2468 1357';

/** A screen this build does not have: the picture is skipped, not failed. */
class Missing extends Error {}

/**
 * The demo book every language's pictures are taken on, in `dir`: 300 demo customers and the
 * sample catalogue, then the customers the guide talks about. Also the files the dialogs
 * "pick": a backup copy and two consultants' exports for the team view.
 */
function makeBook(dir) {
  const book = path.join(dir, 'carnet.db');
  const cli = (db, ...args) => execFileSync(CLI, ['--db', db, ...args], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
  const run = (...args) => cli(book, ...args);
  run('demo', '--customers', '300', '--seed', '7');

  // 张伟: a family buyer with a whole profile, a history, a next step tomorrow.
  const zhang = run('add', '--name', '张伟', '--phone', '138 0013 8000');
  run('edit', zhang,
    '--set', 'title=先生', '--set', 'budget=20-25万', '--set', 'models=汉', '--set', 'timeframe=下个月',
    '--set', 'purposes=家用,长途', '--set', 'priorities=空间,安全', '--set', 'decision_maker=spouse',
    '--set', 'decision_maker_name=李娜', '--set', 'car_brand=大众', '--set', 'car_model=朗逸',
    '--set', 'car_year=2016', '--set', 'region=深圳南山', '--set', 'wechat=zhangwei_88',
    '--set', 'worry=担心续航', '--set', 'tags=VIP,二胎', '--set', 'notes=周末带孩子来试驾',
    '--set', 'birthday=1985-03-02', '--set', 'source=referral');
  run('level', zhang, 'H', '--reason', '下个月要提车');
  run('family', 'add', zhang, '--name', '李娜', '--relation', 'wife');
  run('family', 'add', zhang, '--relation', '儿子');
  run('log', zhang, '--kind', 'visit', '--at', `${localDay(-12)} 15:00`, '--note', '看了汉和唐，孩子喜欢汉');
  run('log', zhang, '--kind', 'test_drive', '--at', `${localDay(-6)} 10:30`, '--satisfaction', '4',
    '--note', '试驾汉 EV，觉得后排够宽');
  run('log', zhang, '--kind', 'call', '--outcome', 'reached', '--at', `${localDay(-2)} 19:00`,
    '--note', '妻子想再比较一下续航', '--promise', '发续航对比表', '--next', localDay(1));
  // The same name and last four digits: a duplicate to merge, with a different budget and region.
  const again = run('add', '--name', '张伟', '--phone', '139 0000 8000', '--allow-duplicate');
  run('edit', again, '--set', 'budget=30万', '--set', 'region=深圳福田');

  // 王芳: her birthday is today, so Today offers its message.
  const wang = run('add', '--name', '王芳', '--phone', WANG_PHONE);
  run('edit', wang, '--set', 'title=女士', '--set', `birthday=1990${localDay(0).slice(4)}`);
  run('level', wang, 'A', '--reason', '年底前换车');

  // 李强: an owner with an open complaint, first on Today.
  const li = run('add', '--name', '李强', '--phone', LI_PHONE);
  run('edit', li, '--set', 'models=汉');
  run('order', li, '--model', '汉', '--price', '22万', '--at', localDay(-80));
  run('deliver', li, '--at', `${localDay(-70)} 10:00`, '--plate', '粤B12345');
  run('log', li, '--kind', 'complaint', '--note', '车机偶尔死机', '--at', `${localDay(-1)} 10:00`);

  // 赵敏: in the trash, to be erased for good.
  run('trash', run('add', '--name', '赵敏', '--phone', '136 0000 1111'));

  // A copy on a "USB stick", for the restore picture.
  mkdirSync(path.join(dir, 'usb'));
  run('backup', '--out', path.join(dir, 'usb', 'carnet-backup.db'));

  // Two consultants' exports, for the team view: 张伟 is in both.
  const team = [];
  for (const [name, people] of [
    ['王顾问', [['张伟', '138 0013 8000'], ['陈静', '138 0000 0004'], ['刘洋', '138 0000 0003']]],
    ['李顾问', [['张伟', '138 0013 8000'], ['周杰', '137 5555 0101']]],
  ]) {
    const db = path.join(dir, `${name}.db`);
    people.forEach(([who, phone], i) => {
      const id = cli(db, 'add', '--name', who, '--phone', phone);
      cli(db, 'log', id, '--kind', 'visit');
      if (i === 0) cli(db, 'order', id, '--model', '汉', '--price', '21万');
    });
    const file = path.join(dir, `${name}.json`);
    cli(db, 'export', '--format', 'json', '--out', file);
    team.push(file);
  }
  return { book, team, backup: path.join(dir, 'usb', 'carnet-backup.db') };
}

/**
 * Carnet on a copy of the book (or on the book already in `home`), through its own
 * tauri-driver; `end()` closes both and removes the home unless told to keep it.
 */
async function open(made, language, home = null) {
  if (!home) {
    home = mkdtempSync(path.join(tmpdir(), `carnet-guide-${language}-`));
    for (const dir of ['data', 'config', 'cache', 'out']) mkdirSync(path.join(home, dir));
    copyFileSync(made.book, path.join(home, 'carnet.db'));
  }
  const openPath = path.join(home, 'open.path');
  const { driver, port } = await spawnDriver(
    DRIVER,
    home,
    {
      CARNET_E2E_OPEN_FROM: openPath,
      CARNET_E2E_OPEN_MANY: made.team.join('\n'),
      CARNET_E2E_SAVE_DIR: path.join(home, 'out'),
    },
    ['ignore', 'ignore', 'ignore'],
  );
  const browser = await connect(port, APP);
  const end = async ({ keep = false } = {}) => {
    await browser.deleteSession().catch(() => {});
    await until(() => appPids(home).length === 0, 30_000);
    for (const pid of appPids(home)) process.kill(pid, 'SIGKILL');
    await until(() => instanceNames().length === 0, 30_000);
    driver.kill();
    if (!keep) await removeHome(home);
  };
  /** The next open-file dialog "picks" this file. */
  const willPick = (file) => writeFileSync(openPath, file);
  return { browser, end, willPick, home };
}

/** The element with this test id, shown (or a Missing error when the screen has none). */
async function shown(browser, id, what) {
  const el = await byTestId(browser, id);
  try {
    await el.waitForDisplayed({ timeout: TIMEOUT });
  } catch {
    throw new Missing(`${what} is not in this build ([data-testid=${id}] never showed)`);
  }
  return el;
}

async function openCustomer(browser, query, name) {
  await goTo(browser, 'customers');
  await (await byTestId(browser, 'customer-search')).setValue(query);
  const row = await waitForText(browser, 'customer-row', name);
  await row.click();
  await waitForText(browser, 'customer-name', name);
}

/** Today's row that shows this text (a customer's phone), once Today shows it. */
async function todayRow(browser, name) {
  await goTo(browser, 'today');
  let found = null;
  await browser.waitUntil(
    async () => {
      for (const row of await browser.$$('[data-testid="today-row"]')) {
        if ((await row.getText().catch(() => '')).includes(name)) {
          found = row;
          return true;
        }
      }
      return false;
    },
    { timeout: TIMEOUT, timeoutMsg: `${name} is not on Today` },
  );
  return found;
}

/** The import screen's dry run of a real 300-row workbook (nothing is written). */
async function dryRun({ browser, willPick }) {
  await goTo(browser, 'transfer');
  willPick(path.join(FIXTURES, 'sheets', 'consultant-300.xlsx'));
  await (await byTestId(browser, 'import-choose')).click();
  await waitForText(browser, 'import-preview', 'consultant-300.xlsx');
}

/** Scrolls an element to the top (or the middle) of the window and lets the page settle. */
async function top(browser, el, block = 'start') {
  await el.scrollIntoView({ block });
  await browser.pause(300);
}

// The pictures, in the order they are taken; each starts from the sidebar.
const PICTURES = {
  async today({ browser }) {
    // 李强's complaint selected: the brief opens with an apology, not a sale.
    await (await todayRow(browser, LI_PHONE)).click();
    await waitForText(browser, 'brief', LI_PHONE);
  },
  async 'today-message'({ browser }) {
    await (await todayRow(browser, WANG_PHONE)).click();
    await waitForText(browser, 'brief', WANG_PHONE);
    const button = await byTestId(browser, 'message-open');
    if (!(await button.isExisting())) throw new Missing('王芳 has no message button on Today');
    await button.click();
    const text = await byTestId(browser, 'message-text');
    await text.waitForDisplayed({ timeout: TIMEOUT });
    await browser.waitUntil(async () => (await text.getValue()).length > 0, { timeout: TIMEOUT });
    await text.scrollIntoView({ block: 'center' });
    await browser.pause(300);
  },
  async 'import-dry-run'(session) {
    await dryRun(session);
    await top(session.browser, await byTestId(session.browser, 'import-preview'));
  },
  async 'import-warnings'(session) {
    const { browser } = session;
    await dryRun(session);
    // One kind of warning opened on the rows it concerns.
    await (await byTestId(browser, 'warning-group')).waitForDisplayed({ timeout: TIMEOUT });
    // The preview may be drawn again just after it shows (a stale toggle takes no click):
    // the first group's toggle is looked up afresh until its rows are open.
    await browser.waitUntil(
      async () => {
        const rows = await byTestId(browser, 'warning-rows');
        if (await rows.isExisting()) return true;
        const toggle = await (await byTestId(browser, 'warning-group')).$('[data-testid="warning-rows-toggle"]');
        if (await toggle.isExisting()) await toggle.click().catch(() => undefined);
        return false;
      },
      { timeout: TIMEOUT, interval: 500 },
    );
    await (await byTestId(browser, 'warning-rows')).waitForDisplayed({ timeout: TIMEOUT });
    await top(browser, await byTestId(browser, 'warnings'));
  },
  async customer({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    await waitForText(browser, 'value-region', '深圳南山');
  },
  async 'customer-profile'({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    await top(browser, await byTestId(browser, 'edit-needs'));
  },
  async 'customer-log'({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    await type(browser, 'log-notes', '预算25万左右 妻子做主 下个月提车');
    await (await byTestId(browser, 'understand-chips')).waitForDisplayed({ timeout: TIMEOUT });
    await top(browser, await byTestId(browser, 'section-timeline'));
  },
  async 'customer-level'({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    await (await byTestId(browser, 'open-level')).click();
    await choose(browser, 'level-to', 'F');
    await choose(browser, 'level-lost-reason', 'competitor');
    await type(browser, 'level-competitor', '特斯拉 Model Y');
    await top(browser, await byTestId(browser, 'section-timeline'));
  },
  async fit({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    const panel = await shown(browser, 'fit-panel', 'the fit panel');
    await (await byTestId(browser, 'fit-trim')).waitForDisplayed({ timeout: TIMEOUT });
    await top(browser, panel);
  },
  async compare({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    await (await byTestId(browser, 'fit-trim')).waitForDisplayed({ timeout: TIMEOUT });
    const picks = await browser.$$('[data-testid="fit-trim"] [data-testid="fit-pick"]');
    if (picks.length < 2) throw new Missing('fewer than two trims fit 张伟, so there is nothing to compare');
    await picks[0].click();
    await picks[1].click();
    await (await byTestId(browser, 'fit-compare')).click();
    await (await byTestId(browser, 'compare-table')).waitForDisplayed({ timeout: TIMEOUT });
  },
  async quote({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    await (await byTestId(browser, 'quote-open')).click();
    await (await byTestId(browser, 'quote-total')).waitForDisplayed({ timeout: TIMEOUT });
    await type(browser, 'quote-discount-input', '8000');
    await browser.pause(500);
  },
  async merge({ browser }) {
    await openCustomer(browser, '13800138000', '张伟');
    await (await byTestId(browser, 'merge-open')).click();
    const candidate = await waitForText(browser, 'merge-candidate', '张伟');
    await candidate.click();
    await (await byTestId(browser, 'merge-take-region')).waitForDisplayed({ timeout: TIMEOUT });
  },
  async export({ browser }) {
    await goTo(browser, 'transfer');
    const panel = await byTestId(browser, 'export-panel');
    await panel.waitForDisplayed({ timeout: TIMEOUT });
    const mask = await byTestId(browser, 'export-mask');
    if (!(await mask.isSelected())) await mask.click();
    await top(browser, panel);
  },
  async reports({ browser }) {
    await goTo(browser, 'reports');
    // The demo's contacts spread over the year: this year's funnel has something in every step.
    await (await byTestId(browser, 'period-this_year')).click();
    await (await byTestId(browser, 'report-chart')).waitForDisplayed({ timeout: TIMEOUT });
    await browser.pause(1000); // the chart's entry animation
  },
  async team({ browser }) {
    await goTo(browser, 'reports');
    await (await byTestId(browser, 'reports-scope-team')).click();
    const open = await byTestId(browser, 'team-open');
    await open.waitForDisplayed({ timeout: TIMEOUT });
    await open.click();
    await waitForText(browser, 'team-read', '李顾问');
    await waitForText(browser, 'team-shared', '张伟');
    await browser.pause(800);
  },
  async backups({ browser }) {
    await goTo(browser, 'settings');
    await top(browser, await shown(browser, 'backup-settings', 'the backup settings'), 'center');
  },
  async restore({ browser, willPick, made }) {
    await goTo(browser, 'settings');
    willPick(made.backup);
    await (await byTestId(browser, 'restore-from')).click();
    await (await byTestId(browser, 'restore-confirm')).waitForDisplayed({ timeout: TIMEOUT });
    await top(browser, await byTestId(browser, 'backup-settings'), 'center');
  },
  async privacy({ browser }) {
    await goTo(browser, 'settings');
    await top(browser, await shown(browser, 'privacy-settings', 'the passphrase and app lock settings'));
  },
  async trash({ browser }) {
    await goTo(browser, 'trash');
    await waitForText(browser, 'trash-row', '赵敏');
    await (await byTestId(browser, 'trash-empty')).click();
    await (await byTestId(browser, 'trash-empty-confirm')).waitForDisplayed({ timeout: TIMEOUT });
  },
};

/**
 * A screenshot in 256 colours is a third of its size and reads the same (flat UI colours and
 * text), which keeps the committed pictures small. Needs imagemagick (`make test-deps`);
 * without it the picture stays as taken.
 */
function shrink(file) {
  try {
    execFileSync('convert', [file, '-colors', '256', `PNG8:${file}`], { stdio: 'ignore' });
  } catch {
    console.log(`kept ${path.basename(file)} in full colour (imagemagick's convert is not available)`);
  }
}

/**
 * The start of a damaged book: Carnet opened once (its first start of the day backs the book
 * up), closed, the second half of the book scribbled over as a disk error would, and opened
 * again on it. Its own two sessions, after the other pictures.
 */
async function damaged(made, language, dir) {
  const first = await open(made, language);
  await (await byTestId(first.browser, 'nav-today')).waitForDisplayed({ timeout: TIMEOUT });
  // The consultant's language, chosen in Settings: the window keeps it outside the book too,
  // for this very screen (WebKit writes its storage to disk a moment later).
  await goTo(first.browser, 'settings');
  await (await byTestId(first.browser, `language-${language}`)).click();
  await first.browser.waitUntil(
    async () => (await first.browser.execute(() => localStorage.getItem('carnet.language'))) === language,
    { timeout: TIMEOUT },
  );
  await first.browser.pause(3000);
  await first.end({ keep: true });
  const book = path.join(first.home, 'carnet.db');
  const bytes = readFileSync(book);
  bytes.fill(0x5a, Math.floor(bytes.length / 2));
  writeFileSync(book, bytes);
  const second = await open(made, language, first.home);
  try {
    const offer = await byTestId(second.browser, 'damaged-offer');
    await offer.waitForDisplayed({ timeout: TIMEOUT });
    await top(second.browser, offer, 'center');
    await second.browser.saveScreenshot(path.join(dir, 'damaged.png'));
    shrink(path.join(dir, 'damaged.png'));
  } finally {
    await second.end();
  }
}

async function main() {
  const languages = process.argv.slice(2).length ? process.argv.slice(2) : LANGUAGES;
  const only = process.env.GUIDE_ONLY ? process.env.GUIDE_ONLY.split(',') : [...Object.keys(PICTURES), 'damaged'];
  const work = mkdtempSync(path.join(tmpdir(), 'carnet-guide-book-'));
  const made = makeBook(work);
  const failed = [];
  const skipped = [];
  try {
    for (const language of languages) {
      const dir = path.join(OUT, language);
      mkdirSync(dir, { recursive: true });
      const session = await open(made, language);
      const { browser } = session;
      try {
        await goTo(browser, 'settings');
        await (await byTestId(browser, `language-${language}`)).click();
        await browser.pause(500);
        for (const name of only.filter((n) => n in PICTURES)) {
          try {
            await PICTURES[name]({ ...session, made });
            await browser.saveScreenshot(path.join(dir, `${name}.png`));
            shrink(path.join(dir, `${name}.png`));
            console.log(`saved ${path.relative(process.cwd(), path.join(dir, `${name}.png`))}`);
          } catch (error) {
            if (error instanceof Missing) {
              skipped.push(`${language}/${name}`);
              console.log(`skipped ${language}/${name}: ${error.message}`);
            } else {
              failed.push(`${language}/${name}`);
              console.error(`FAILED ${language}/${name}: ${error.message}`);
            }
          }
          // A dialog the picture left open would cover the next one's sidebar: the page is
          // loaded afresh instead (the language is kept in the book).
          if (await browser.$('[aria-modal="true"]').isExisting().catch(() => true)) {
            await browser.refresh();
            await (await byTestId(browser, 'nav-today')).waitForDisplayed({ timeout: TIMEOUT });
          }
        }
      } finally {
        await session.end();
      }
      if (only.includes('damaged')) {
        try {
          await damaged(made, language, dir);
          console.log(`saved ${path.relative(process.cwd(), path.join(dir, 'damaged.png'))}`);
        } catch (error) {
          failed.push(`${language}/damaged`);
          console.error(`FAILED ${language}/damaged: ${error.message}`);
        }
      }
    }
  } finally {
    await removeHome(work);
  }
  const pngs = readdirSync(OUT, { recursive: true }).filter((f) => String(f).endsWith('.png')).length;
  console.log(`${pngs} pictures in ${OUT}; skipped: ${skipped.join(', ') || 'none'}`);
  if (failed.length) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

await main();
