/**
 * The initial sync half of `npm run bench:sync`, in Debian's Chromium: the real app on the browser host signs in
 * to the desk server (Settings → Team server) and pulls the whole desk into a fresh IndexedDB store. Timed from the
 * connected store opening (`desk:store-open` on the page that opens after connecting) to the engine's mark that
 * the first sync is done (`desk:first-sync:done`); the engine's own measures split it into stages (the page's
 * round trip through server, shell and bridge; the time the engine waited for it; writing it into the store).
 * Before it, the server alone: the same pages pulled straight over HTTP from Node.
 *
 * Then the floor, on a page of the same origin that runs none of the app: the same rows written raw into a new
 * IndexedDB database with the same object stores and indexes, a page's rows per transaction, in the order the
 * pull brought them; the best of two runs. BENCH_PROFILE=file.cpuprofile also saves the renderer's CPU profile
 * of the sync (open it in Chromium's DevTools).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createClockOffsetTracker } from '../../../electron/services/clock';
import { createMemoryLogger } from '../../../electron/services/log';
import { createSecretStore } from '../../../electron/services/secrets';
import { openSettingsStore } from '../../../electron/services/settings';
import { createSyncService } from '../../../electron/services/sync';
import { ensureRendererBundle } from '../../../electron/web-host/build';
import { chromiumArgs, requireChromium } from '../../../electron/web-host/chromium';
import { startHost } from '../../e2e/host';
import { signIn, tempDir } from '../../support/server';

export interface InitialSyncResult {
  [key: string]: number;
  initialSyncCasesPerSecond: number;
  initialSyncSeconds: number;
  initialSyncCases: number;
  initialSyncRows: number;
  rawBulkWriteSeconds: number;
  rawBulkWriteRowsPerSecond: number;
  rawBulkWriteCasesPerSecond: number;
  initialSyncRatio: number;
  /** The server alone: every page pulled over HTTP from Node, one after another. */
  serverPullSeconds: number;
  /** The same through the main process's sync service, serialized for the socket. */
  shellPullSeconds: number;
  pages: number;
  /** Store open until the first page is in the engine's hands. */
  firstPageSeconds: number;
  /** Summed page round trips (server, shell, bridge, row parsing); overlapped with writing after the first. */
  pullSeconds: number;
  /** Of which the engine waited for, with nothing to write. */
  waitSeconds: number;
  /** Summed page writes (applyPull). */
  applySeconds: number;
  loadBefore: number;
  loadAfter: number;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const load = () => round(loadavg()[0]!);

/** In the page: the connected store's name and how many cases it holds. */
const COUNT_CASES = `(async () => {
  const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n && n.startsWith('desk@'));
  if (names.length === 0) return { name: null, count: 0 };
  const db = await new Promise((ok, fail) => { const r = indexedDB.open(names[0]); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  try {
    if (!db.objectStoreNames.contains('cases')) return { name: names[0], count: 0 };
    const count = (store) => new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).count(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    return { name: names[0], count: await count('cases'), queued: await count('outbox') };
  } finally { db.close(); }
})()`;

/** In the page, once the first sync is done: its span and the engine's stage measures. */
const SYNC_TIMINGS = `(() => {
  const open = performance.getEntriesByName('desk:store-open')[0];
  const done = performance.getEntriesByName('desk:first-sync:done')[0];
  const sum = (stage) => performance.getEntriesByName('desk:first-sync:' + stage).reduce((ms, m) => ms + m.duration, 0);
  const pulls = performance.getEntriesByName('desk:first-sync:pull');
  return {
    ms: done.startTime - open.startTime,
    firstPageMs: pulls.length > 0 ? pulls[0].startTime + pulls[0].duration - open.startTime : 0,
    pages: pulls.length,
    rows: pulls.reduce((n, m) => n + (m.detail ?? 0), 0),
    pullMs: sum('pull'),
    waitMs: sum('wait'),
    applyMs: sum('apply'),
  };
})()`;

/**
 * In the page: read the synced database's rows, then write them into a fresh one with the same schema, timing
 * only the writes. Rows go in the order the pull brought them (a page's cases, events and contacts together):
 * the synced store's cases in key order, each followed by its events.
 */
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
  const eventsOf = new Map();
  for (const e of rows.events) { const list = eventsOf.get(e.caseId); if (list) list.push(e); else eventsOf.set(e.caseId, [e]); }
  const all = [];
  for (const c of rows.cases) { all.push(['cases', c]); for (const e of eventsOf.get(c.id) ?? []) all.push(['events', e]); }
  for (const c of rows.contacts) all.push(['contacts', c]);
  const target = 'desk-raw-bulk-write';
  const runs = [];
  for (let run = 0; run < 2; run++) {
    await req(indexedDB.deleteDatabase(target));
    const open = indexedDB.open(target, 1);
    open.onupgradeneeded = () => {
      for (const s of schema) {
        const store = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
      }
    };
    const db = await req(open);
    const started = performance.now();
    for (let i = 0; i < all.length; i += ${pageRows}) {
      const tx = db.transaction(stores, 'readwrite', { durability: 'relaxed' });
      const end = Math.min(all.length, i + ${pageRows});
      for (let j = i; j < end; j++) tx.objectStore(all[j][0]).put(all[j][1]);
      await done(tx);
    }
    runs.push(performance.now() - started);
    db.close();
  }
  await req(indexedDB.deleteDatabase(target));
  return { ms: Math.min(...runs), runs, rows: all.length, cases: rows.cases.length };
})()`;

/** The cookie and `more` are at a page's two ends (as the server writes it): the rows need no parsing here. */
const pageCookie = (text: string) => Number(/^\{"cookie":(\d+)/.exec(text)?.[1]);

/** The server alone: every page from cookie 0, one after another, as text (what the shell receives). */
async function serverPull(serverUrl: string, email: string, password: string) {
  const session = await signIn(serverUrl, email, password);
  const clientGroupId = `bench-server-${Date.now()}`;
  let cookie = 0;
  let pages = 0;
  let bytes = 0;
  const started = performance.now();
  for (;;) {
    const answer = await fetch(`${serverUrl}/v1/pull?clientGroupId=${clientGroupId}&cookie=${cookie}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`the server's pull failed: ${answer.status} ${text}`);
    pages++;
    bytes += text.length;
    cookie = pageCookie(text);
    if (text.endsWith('"more":false}')) break;
  }
  return { seconds: (performance.now() - started) / 1000, pages, bytes };
}

/**
 * The shell alone: the same pages through the main process's sync service (what the browser host and Electron
 * run), as the bridge would ask for them, and serialized as the socket sends them.
 */
async function shellPull(serverUrl: string, email: string, password: string) {
  const dir = tempDir('desk-bench-shell-');
  const log = createMemoryLogger();
  const service = createSyncService({
    secrets: createSecretStore({
      file: join(dir.path, 'secrets.json'),
      platform: 'linux',
      allowPlainFile: true,
      isBasicTextAccepted: () => false,
      log,
    }),
    settings: openSettingsStore({ file: join(dir.path, 'settings.json'), log }),
    clock: createClockOffsetTracker(),
    log,
    emit: () => {},
  });
  try {
    const outcome = await service.connect(serverUrl, email, password);
    if (!outcome.ok) throw new Error(`the shell could not connect: ${outcome.message}`);
    const clientGroupId = `bench-shell-${Date.now()}`;
    let cookie = 0;
    let pages = 0;
    const started = performance.now();
    for (;;) {
      const page = await service.pullPage(clientGroupId, cookie);
      JSON.stringify({ type: 'result', id: pages, ok: true, value: { kind: 'ok', page } });
      pages++;
      cookie = pageCookie(page);
      if (page.endsWith('"more":false}')) break;
    }
    return { seconds: (performance.now() - started) / 1000, pages };
  } finally {
    service.close();
    dir.remove();
  }
}

export async function measureInitialSync(
  serverUrl: string,
  email: string,
  password: string,
  expectedCases: number,
  log: (line: string) => void,
): Promise<InitialSyncResult> {
  const executablePath = requireChromium('The sync benchmark');
  await ensureRendererBundle();
  const server = await serverPull(serverUrl, email, password);
  const shell = await shellPull(serverUrl, email, password);
  log(
    `    server alone: ${server.pages} pages (${round(server.bytes / 1e6, 1)} MB) in ${round(server.seconds)} s; through the shell's sync service ${round(shell.seconds)} s`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-sync-host-'));
  const host = await startHost({ dataDir, args: ['--allow-plain-secrets'] });
  // A profile on disk, as the desktop app and a browser have: an off-the-record context keeps IndexedDB in
  // memory on another backend, which writes these rows two to three times slower here.
  const profileDir = mkdtempSync(join(tmpdir(), 'desk-bench-sync-profile-'));
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    args: chromiumArgs(),
    viewport: { width: 1360, height: 820 },
  });
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.goto(`${host.origin}/#/settings/server`);
    const form = page.getByRole('form', { name: 'Connect to a desk server' });
    await form.getByLabel('Server address').fill(serverUrl);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    const loadBefore = load();
    // Connecting reloads the app onto the connected store.
    await Promise.all([
      page.waitForEvent('load', { timeout: 60_000 }),
      form.getByRole('button', { name: 'Connect' }).click(),
    ]);
    const profiler = process.env.BENCH_PROFILE ? await browser.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    await page.waitForFunction(() => performance.getEntriesByName('desk:store-open').length > 0, null, {
      timeout: 120_000,
    });
    // Wait for the engine's mark, saying how far it got now and then (polled gently: counting competes).
    const until = Date.now() + Math.max(300_000, expectedCases * 20);
    let lastLog = Date.now();
    while (!(await page.evaluate(() => performance.getEntriesByName('desk:first-sync:done').length > 0))) {
      if (Date.now() > until) {
        const { count } = (await page.evaluate(COUNT_CASES)) as { count: number };
        throw new Error(`the initial sync did not finish: ${count} cases so far`);
      }
      if (Date.now() - lastLog > 10_000) {
        const applied = await page.evaluate(() =>
          performance
            .getEntriesByName('desk:first-sync:apply')
            .reduce((n, m) => n + ((m as PerformanceMeasure).detail ?? 0), 0),
        );
        log(`    … ${applied} rows`);
        lastLog = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const loadAfter = load();
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
      log(`    CPU profile of the sync: ${process.env.BENCH_PROFILE}`);
    }
    const sync = (await page.evaluate(SYNC_TIMINGS)) as {
      ms: number;
      firstPageMs: number;
      pages: number;
      rows: number;
      pullMs: number;
      waitMs: number;
      applyMs: number;
    };
    const stored = (await page.evaluate(COUNT_CASES)) as { name: string; count: number; queued: number };
    // The floor is measured on a page of the same origin that runs none of the app (its background work would
    // share the main thread), in transactions the size of the sync's pages.
    await page.goto(`${host.origin}/favicon.svg`);
    const pageRows = Math.ceil(sync.rows / Math.max(1, sync.pages));
    const raw = (await page.evaluate(RAW_BULK_WRITE(stored.name, pageRows))) as {
      ms: number;
      runs: number[];
      rows: number;
      cases: number;
    };
    const seconds = sync.ms / 1000;
    const rawSeconds = raw.ms / 1000;
    log(
      `    sync: ${sync.pages} pages, ${sync.rows} rows in ${round(seconds)} s (first page after ${round(sync.firstPageMs / 1000)} s; round trips ${round(sync.pullMs / 1000)} s of which waited ${round(sync.waitMs / 1000)} s; writing ${round(sync.applyMs / 1000)} s; ${stored.queued} changes of this desk's own queued); load ${loadBefore} → ${loadAfter}`,
    );
    log(
      `    raw write: ${raw.rows} rows, ${pageRows} a transaction: ${raw.runs.map((ms) => round(ms / 1000)).join(' s, ')} s; load ${load()}`,
    );
    return {
      initialSyncCasesPerSecond: Math.round(stored.count / seconds),
      initialSyncSeconds: round(seconds),
      initialSyncCases: stored.count,
      initialSyncRows: sync.rows,
      rawBulkWriteSeconds: round(rawSeconds),
      rawBulkWriteRowsPerSecond: Math.round(raw.rows / rawSeconds),
      rawBulkWriteCasesPerSecond: Math.round(raw.cases / rawSeconds),
      initialSyncRatio: round(seconds / rawSeconds),
      serverPullSeconds: round(server.seconds),
      shellPullSeconds: round(shell.seconds),
      pages: sync.pages,
      firstPageSeconds: round(sync.firstPageMs / 1000),
      pullSeconds: round(sync.pullMs / 1000),
      waitSeconds: round(sync.waitMs / 1000),
      applySeconds: round(sync.applyMs / 1000),
      loadBefore,
      loadAfter,
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}
