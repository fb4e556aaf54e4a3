/**
 * The initial sync half of `npm run bench:sync`, in Debian's Chromium: the real app on the browser host signs in
 * to the desk server (Settings → Team server) and pulls the whole desk into a fresh IndexedDB store. Timed from the
 * connected store opening (`desk:store-open` on the page that opens after connecting) until the store holds every
 * case the person may see. Then, in the same page, the floor: the same rows written raw into a new IndexedDB
 * database with the same object stores and indexes, in transactions of the same size as a pull page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ensureRendererBundle } from '../../../electron/web-host/build';
import { chromiumArgs, requireChromium } from '../../../electron/web-host/chromium';
import { PULL_PAGE_CHANGES } from '../../../shared/sync';
import { startHost } from '../../e2e/host';

export interface InitialSyncResult {
  [key: string]: number;
  initialSyncCasesPerSecond: number;
  initialSyncSeconds: number;
  initialSyncCases: number;
  rawBulkWriteSeconds: number;
  initialSyncRatio: number;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** In the page: the connected store's name and how many cases it holds (0 before it exists). */
const COUNT_CASES = `(async () => {
  const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n && n.startsWith('desk@'));
  if (names.length === 0) return { name: null, count: 0 };
  const db = await new Promise((ok, fail) => { const r = indexedDB.open(names[0]); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  try {
    if (!db.objectStoreNames.contains('cases')) return { name: names[0], count: 0 };
    const count = await new Promise((ok, fail) => { const r = db.transaction('cases').objectStore('cases').count(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    return { name: names[0], count };
  } finally { db.close(); }
})()`;

/** In the page: copy the synced database's rows into a fresh one with the same schema, timing only the writes. */
const RAW_BULK_WRITE = (source: string, pageRows: number) => `(async () => {
  const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = () => ok(); tx.onerror = () => fail(tx.error); tx.onabort = () => fail(tx.error); });
  const src = await req(indexedDB.open(${JSON.stringify(source)}));
  const stores = [...src.objectStoreNames].filter((n) => ['cases', 'events', 'contacts'].includes(n));
  const schema = [];
  const rows = {};
  for (const name of stores) {
    const tx = src.transaction(name);
    const store = tx.objectStore(name);
    schema.push({ name, keyPath: store.keyPath, autoIncrement: store.autoIncrement,
      indexes: [...store.indexNames].map((i) => { const ix = store.index(i); return { name: i, keyPath: ix.keyPath, unique: ix.unique, multiEntry: ix.multiEntry }; }) });
    rows[name] = await req(store.getAll());
  }
  src.close();
  const target = 'desk-raw-bulk-write';
  await req(indexedDB.deleteDatabase(target));
  const open = indexedDB.open(target, 1);
  open.onupgradeneeded = () => {
    for (const s of schema) {
      const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
      for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
    }
  };
  const db = await req(open);
  const all = [];
  for (const s of schema) for (const row of rows[s.name]) all.push([s.name, row]);
  const started = performance.now();
  for (let i = 0; i < all.length; i += ${pageRows}) {
    const chunk = all.slice(i, i + ${pageRows});
    const tx = db.transaction(stores, 'readwrite');
    for (const [name, row] of chunk) tx.objectStore(name).put(row);
    await done(tx);
  }
  const ms = performance.now() - started;
  db.close();
  await req(indexedDB.deleteDatabase(target));
  return { ms, rows: all.length, cases: rows.cases.length };
})()`;

export async function measureInitialSync(
  serverUrl: string,
  email: string,
  password: string,
  expectedCases: number,
  log: (line: string) => void,
): Promise<InitialSyncResult> {
  const executablePath = requireChromium('The sync benchmark');
  await ensureRendererBundle();
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-sync-host-'));
  const host = await startHost({ dataDir, args: ['--allow-plain-secrets'] });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs() });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await page.goto(host.url);
    await page.goto(`${host.origin}/#/settings/server`);
    const form = page.getByRole('form', { name: 'Connect to a desk server' });
    await form.getByLabel('Server address').fill(serverUrl);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    // Connecting reloads the app onto the connected store.
    await Promise.all([
      page.waitForEvent('load', { timeout: 60_000 }),
      form.getByRole('button', { name: 'Connect' }).click(),
    ]);
    await page.waitForFunction(() => performance.getEntriesByName('desk:store-open').length > 0, null, {
      timeout: 120_000,
    });
    // The page that opened on the connected store (connecting reloads the app onto it).
    const openedAt = await page.evaluate(
      () => performance.timeOrigin + performance.getEntriesByName('desk:store-open')[0]!.startTime,
    );
    let last = { name: null as string | null, count: 0 };
    let lastLog = Date.now();
    const until = Date.now() + Math.max(300_000, expectedCases * 5);
    let stable = 0;
    let finishedAt = 0;
    for (;;) {
      const now = (await page.evaluate(COUNT_CASES)) as { name: string | null; count: number };
      const at = await page.evaluate(() => Date.now());
      if (now.count > 0 && now.count === last.count) stable++;
      else {
        stable = 0;
        finishedAt = at;
      }
      last = now;
      // The count has not moved for three seconds (a pull page lands well within that).
      if (stable >= 30) break;
      if (Date.now() > until) throw new Error(`the initial sync did not finish: ${now.count} cases so far`);
      if (Date.now() - lastLog > 5000) {
        log(`    … ${now.count} cases`);
        lastLog = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (finishedAt - openedAt) / 1000;
    // The floor is measured on a page of the same origin that runs none of the app (its background work would
    // share the main thread).
    await page.goto(`${host.origin}/favicon.svg`);
    const raw = (await page.evaluate(RAW_BULK_WRITE(last.name!, PULL_PAGE_CHANGES))) as {
      ms: number;
      rows: number;
      cases: number;
    };
    return {
      initialSyncCasesPerSecond: Math.round(last.count / seconds),
      initialSyncSeconds: round(seconds),
      initialSyncCases: last.count,
      rawBulkWriteSeconds: round(raw.ms / 1000),
      initialSyncRatio: round(seconds / (raw.ms / 1000)),
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
