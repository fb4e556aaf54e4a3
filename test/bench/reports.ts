/**
 * `npm run bench:reports`: the overdue board over 100,000 cases of the demo desk (full build, one-case
 * update, the clock moving a day), the CSV of 100,000 case rows, and the outstanding-cases PDF of 1,000 open
 * cases through the browser host's print path (the PDF export service, the host's Chromium opening the print
 * route and fetching the job over the bridge socket, page.pdf).
 *
 * The last line is `BENCH {json}`; the JSON also goes to bench-results/reports.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRendererBundle, WEB_BUNDLE_DIR } from '../../electron/web-host/build';
import { startWebHost } from '../../electron/web-host/host';
import { createWebHostServices } from '../../electron/web-host/services';
import { outstandingPrintable, reportFileName } from '../../renderer/report-kit/printable';
import { demoChunks, demoPeople, demoSettings } from '../../shared/demo';
import type { Case } from '../../shared/domain';
import { EXPORT_PART_CHARS } from '../../shared/ipc/export';
import {
  advanceBoard,
  type BoardCase,
  boardCase,
  boardCaseColumns,
  boardView,
  caseHistories,
  createBoard,
  indexDirectory,
  outstandingReport,
  type ReportTable,
  tableCsvChunks,
  updateBoard,
} from '../../shared/reports';
import { createClock } from '../../shared/time';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const NOW = '2026-03-02T10:00:00.000Z';
const PERIOD = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };
const RUNS = 7;
const UPDATES = 2001;
const PDF_CASES = 1000;
const PDF_RUNS = 3;

const log = (line: string) => process.stdout.write(`${line}\n`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (ms: number, digits = 2) => Number(ms.toFixed(digits));

/**
 * Times `run` RUNS times after one untimed warm-up: wall ms, and this process's CPU ms (which a busy
 * machine inflates less; it includes the GC's helper threads).
 */
function times(run: () => void): { wall: number[]; cpu: number[] } {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const list = (values: number[]) => values.map((t) => round(t, 1)).join(', ');

// ——— the desk: demo cases with their SLA at NOW, as board rows (events are dropped chunk by chunk) ———
const settings = demoSettings(NOW);
const t0 = performance.now();
const rows: BoardCase[] = [];
/** The first PDF_CASES open cases with their SLA summaries, as the store keeps them (for the PDF). */
const openCases: Case[] = [];
for (const chunk of demoChunks({ cases: CASES, now: NOW, seed: 1 }, 5000)) {
  for (const history of caseHistories(chunk.cases, chunk.events, settings, new Date(NOW))) {
    rows.push(boardCase(history.case, history.sla));
    const { case: kase, sla } = history;
    if (openCases.length < PDF_CASES && kase.status !== 'resolved' && kase.status !== 'closed') {
      openCases.push({
        ...kase,
        sla: {
          state: sla?.state ?? 'none',
          dueAt: sla?.dueAt?.toISOString() ?? null,
          nextDueAt: sla?.nextDueAt?.toISOString() ?? null,
        },
      });
    }
  }
}
const open = rows.filter((r) => r.status !== 'resolved' && r.status !== 'closed').length;
log(
  `desk: ${rows.length} cases (${open} open), generated with their SLA in ${Math.round(performance.now() - t0)} ms`,
);

// ——— full board ———
const boardRuns = times(() => createBoard(rows, { now: NOW, period: PERIOD }));
const boardMs = median(boardRuns.wall);
log(
  `board, full build: median ${round(boardMs)} ms (runs ${list(boardRuns.wall)}; CPU median ${round(median(boardRuns.cpu))} ms)`,
);

// ——— one case changes: its SLA state, owner or level moves, one update at a time ———
const board = createBoard(rows, { now: NOW, period: PERIOD });
const people = demoPeople().people.map((p) => p.id);
const updateTimes: number[] = [];
let seed = 12345;
const next = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed;
};
for (let i = 0; i < UPDATES; i++) {
  const index = next() % rows.length;
  const before = rows[index]!;
  const after: BoardCase = {
    ...before,
    status: i % 3 === 0 ? 'in-progress' : before.status,
    slaState: (['breached', 'at-risk', 'on-track', 'none'] as const)[next() % 4]!,
    ownerId: people[next() % people.length]!,
    escalationLevel: (next() % 3) as 0 | 1 | 2,
  };
  const start = performance.now();
  updateBoard(board, before, after);
  updateTimes.push(performance.now() - start);
  rows[index] = after;
}
const boardUpdateMs = median(updateTimes);
log(
  `board, one-case update: median ${round(boardUpdateMs * 1000, 1)} µs, max ${round(Math.max(...updateTimes), 2)} ms over ${UPDATES}`,
);

// ——— the clock moves on a day at a time: open cases change age bucket ———
let day = Date.parse(NOW);
const advanceRuns = times(() => {
  day += 86_400_000;
  advanceBoard(board, new Date(day));
});
const boardAdvanceMs = median(advanceRuns.wall);
log(`board, clock moves a day: median ${round(boardAdvanceMs)} ms (runs ${list(advanceRuns.wall)})`);

const viewRuns = times(() => boardView(board, { directory: demoPeople(), policies: settings.policies }));
log(`board view (labels, 12 weeks, compliance): median ${round(median(viewRuns.wall))} ms`);

// ——— CSV of 100,000 case rows ———
const table: ReportTable<BoardCase> = {
  id: 'cases',
  title: 'Cases',
  columns: boardCaseColumns(indexDirectory(demoPeople())),
  rows,
};
let csvChars = 0;
const csvRuns = times(() => {
  csvChars = 0;
  for (const chunk of tableCsvChunks(table, 'Europe/London')) csvChars += chunk.length;
});
const csvMs = median(csvRuns.wall);
log(
  `CSV of ${rows.length} rows: median ${round(csvMs)} ms (runs ${list(csvRuns.wall)}; CPU median ${round(median(csvRuns.cpu))} ms), ${(csvChars / 1e6).toFixed(1)} M characters`,
);

// ——— the outstanding-cases PDF of 1,000 open cases through the browser host's print path ———
const pdf = await measurePdf();
log(
  `outstanding-cases PDF of ${openCases.length} open cases: median ${pdf.ms} ms warm (runs ${list(pdf.runs)}; ` +
    `first, with Chromium starting, ${pdf.coldMs} ms), ${pdf.pages} pages, ${(pdf.bytes / 1024).toFixed(0)} KiB`,
);

async function measurePdf(): Promise<{
  ms: number;
  runs: number[];
  coldMs: number;
  pages: number;
  bytes: number;
}> {
  const built = await ensureRendererBundle();
  if (built) log(`built the renderer into ${WEB_BUNDLE_DIR} (${built})`);
  const report = outstandingPrintable(outstandingReport(openCases, { directory: demoPeople(), now: NOW }));
  const json = JSON.stringify(report);
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
  const services = createWebHostServices({
    dataDir,
    clock: createClock({ now: NOW }),
    version: 'bench',
    allowPlainSecrets: true,
    links: 'log',
  });
  const host = await startWebHost({
    port: 0,
    bundleDir: WEB_BUNDLE_DIR,
    handlers: services.handlers,
    log: services.log,
    downloads: services.downloads,
  });
  services.attach(host);
  try {
    const once = async (i: number) => {
      const exportId = `bench-export-${i}`;
      const start = performance.now();
      const parts = Math.ceil(json.length / EXPORT_PART_CHARS);
      for (let p = 0; p < parts; p++) {
        services.pdf.receivePart(exportId, p, json.slice(p * EXPORT_PART_CHARS, (p + 1) * EXPORT_PART_CHARS));
      }
      const outcome = await services.pdf.run({ exportId, parts, fileName: reportFileName(report, 'pdf') });
      if (outcome.status !== 'download') throw new Error(`The PDF export ended ${JSON.stringify(outcome)}.`);
      return { ms: performance.now() - start, pages: outcome.pages, bytes: outcome.bytes };
    };
    const cold = await once(0);
    const warm = [];
    for (let i = 1; i <= PDF_RUNS; i++) warm.push(await once(i));
    const runs = warm.map((r) => r.ms);
    return {
      ms: round(median(runs), 0),
      runs,
      coldMs: round(cold.ms, 0),
      pages: cold.pages,
      bytes: cold.bytes,
    };
  } finally {
    await services.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const load = loadavg()[0]!;
log(`load average (1 min) ${load.toFixed(2)} on this machine: other work slows the wall-clock figures`);

const result = {
  cases: rows.length,
  openCases: open,
  boardMs: round(boardMs),
  boardCpuMs: round(median(boardRuns.cpu)),
  boardUpdateMs: round(boardUpdateMs, 4),
  boardAdvanceMs: round(boardAdvanceMs),
  boardViewMs: round(median(viewRuns.wall)),
  csvRows: rows.length,
  csvMs: round(csvMs),
  csvCpuMs: round(median(csvRuns.cpu)),
  pdfCases: openCases.length,
  pdfMs: pdf.ms,
  pdfColdMs: pdf.coldMs,
  pdfPages: pdf.pages,
  loadAverage: round(load),
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/reports.json', `${JSON.stringify(result, null, 2)}\n`);
log(`BENCH ${JSON.stringify(result)}`);
