// After the end-to-end suite: the app's log of every test (saved in artifacts/, the app's
// stderr as tauri-driver passed it on) must hold none of the customers the suite typed in:
// no name, no phone. Run by `npm test` right after app.test.mjs (so `make test` and CI do).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = process.env.CARNET_E2E_ARTIFACTS ?? path.join(here, 'artifacts');

/** The names and phones the suite types: the customers it adds, from its own source. */
export function typedCustomers(source) {
  const names = new Set();
  for (const m of source.matchAll(/addCustomer\(browser, '([^']+)'/g)) names.add(m[1].trim());
  for (const m of source.matchAll(/'--name', '([^']+)'/g)) names.add(m[1].trim());
  for (const m of source.matchAll(/customer-name-input', '([^']+)'/g)) names.add(m[1].trim());
  const phones = new Set();
  for (const m of source.matchAll(/1[3-9]\d[ -]?\d{4}[ -]?\d{4}/g)) {
    const digits = m[0].replace(/\D/g, '');
    phones.add(digits);
    phones.add(`${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`);
  }
  // A name of one character (or a blank one, typed to be refused) says nothing on its own.
  return [...names].filter((n) => [...n].length >= 2).concat([...phones]);
}

const stripColours = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

test('the app logs of the end-to-end run hold no customer names or phones', () => {
  const logs = readdirSync(ARTIFACTS).filter((f) => f.endsWith('.log'));
  assert.ok(logs.length > 0, `no logs in ${ARTIFACTS}: run the end-to-end suite first`);
  const all = logs.map((f) => [f, stripColours(readFileSync(path.join(ARTIFACTS, f), 'utf8'))]);
  assert.ok(
    all.some(([, text]) => /opened (and checked )?book/.test(text)),
    'the app\'s own log lines are in the artifacts',
  );
  const secrets = typedCustomers(readFileSync(path.join(here, 'app.test.mjs'), 'utf8'));
  assert.ok(secrets.includes('张三') && secrets.includes('13812345678'), `read from the suite: ${secrets}`);
  const found = [];
  for (const [file, text] of all) {
    for (const line of text.split('\n')) {
      // Only the app's log: lines with a timestamp and a level (not WebDriver's own chatter).
      if (!/^\d{4}-\d\d-\d\dT\S+Z\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s/.test(line)) continue;
      for (const secret of secrets) {
        if (line.includes(secret)) found.push(`${file}: ${secret}: ${line}`);
      }
    }
  }
  assert.deepEqual(found, [], 'customer data in the app\'s log');
});
