/*
 * `npm run bench:sla`: what the SLA engine costs, and how Desk's calendar arithmetic compares with
 * the npm libraries that do the same job, on the same inputs, with their wrong answers counted.
 *
 * 1. Full SLA state (every clock, the next due instant, the due escalation steps) of 100,000
 *    generated cases on the UK calendar (Europe/London, Mon–Fri 09:00–17:00, England and Wales bank
 *    holidays): cases per second and µs per case, one thread, median of several runs after a warm-up.
 *    Times are CPU time of the process (process.cpuUsage), so other work on a shared machine does not
 *    count against Desk or the peers; wall-clock figures and the share of a core we got are printed too.
 * 2. One addWorkingMinutes for 1 hour, 20 working days and 200 working days from random starts.
 * 3. The peers on the same operation and inputs: µs/op, ratio (peer time / Desk time: above 1 means
 *    Desk is faster) and wrong (answers that differ from Desk's, which is verified against a
 *    minute-stepping oracle in test/time).
 *
 * The last line printed is `BENCH {json}`; the JSON also goes to bench-results/sla.json.
 */
import './process-zone';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CaseSla, computeCaseSla } from '../../shared/case-sla';
import type { CaseKind } from '../../shared/domain';
import { type Policy, presetPolicies } from '../../shared/policies';
import { ukCalendarSpec } from '../../shared/policies/uk-calendar';
import { type CompiledCalendar, compileCalendar } from '../../shared/sla';
import { type BenchCase, generateCases } from './cases';
import {
  type Adder,
  dayjsBusinessTime,
  type Measurer,
  momentBusinessTime,
  type PeerCalendar,
  processZone,
  type Runner,
  workingTimeCalculator,
} from './peers';
import { rng } from './rng';
import { measure, round } from './timing';

const CASES = 100_000;
const SEED = 20_260_617;
/** The benchmark's present: a Wednesday morning in BST, cases received over the 16 weeks before. */
const NOW = Date.parse('2026-06-17T09:37:00Z');
/** Random start instants for the calendar operations (whole minutes, 2025–2027). */
const STARTS = 20_000;
const STARTS_FROM = Date.parse('2025-01-01T00:00:00Z');
const STARTS_TO = Date.parse('2028-01-01T00:00:00Z');
const TARGETS = [
  ['1h', 60],
  ['20wd', 20 * 8 * 60],
  ['200wd', 200 * 8 * 60],
] as const;
type TargetName = (typeof TARGETS)[number][0];
/** Time for one peer on one target (calibration, warm-up and timed runs together), ms. */
const PEER_BUDGET_MS = 2_400;
const PEER_RUNS = 3;
/** Fewest inputs a peer is timed and checked on, however slow it is. */
const PEER_MIN_SAMPLES = 40;
const GOAL_CASES_PER_SECOND = 200_000;
/** Cases also kept as the builders made them, to show what object shape costs the engine. */
const BUILT = 20_000;
const ZONE = 'Europe/London';

const started = performance.now();
const log = (line = ''): void => console.log(line);

// ——— the calendar and policies ———

const spec = ukCalendarSpec({ fromYear: 2024, toYear: 2031 });
const calendar = compileCalendar(spec);
const policies = new Map<CaseKind, Policy>(presetPolicies().map((p) => [p.caseKind, p]));

log(`Desk SLA benchmark — Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} (one thread)`);
log(
  `Calendar: ${spec.name}, ${spec.timeZone}, Mon–Fri 09:00–17:00, ${spec.holidays.length} bank holidays ${spec.holidays[0]?.date}…${spec.holidays.at(-1)?.date}`,
);
log(`Process time zone (what the peers see): ${processZone()}`);
log();

// ——— 1. full SLA state of 100,000 cases ———

const genStarted = performance.now();
const { cases, built, mix } = generateCases(CASES, rng(SEED), NOW, calendar, policies, BUILT);
const nowDate = new Date(NOW);
log(
  `Generated ${CASES.toLocaleString('en-GB')} cases in ${((performance.now() - genStarted) / 1000).toFixed(1)} s (seed ${SEED}, now ${nowDate.toISOString()}):`,
);
const kindsText = Object.entries(mix.kinds)
  .map(([k, n]) => `${k} ${n}`)
  .join(', ');
log(
  `  ${kindsText}; ${(mix.events / CASES).toFixed(1)} events/case; ${mix.paused} with paused spans (${mix.pausedNow} paused now); ${mix.resolved} resolved or closed; ${mix.stepsDone} ladder steps already carried out`,
);

let sink = 0;
function slaPass(list: readonly BenchCase[]): void {
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const sla = computeCaseSla(c.record, c.events, c.policy, calendar, nowDate);
    sink += sla.clocks.length + sla.escalation.due.length;
  }
}

// What the engine answered, once, untimed: shows the cases exercise every path.
const states: Record<string, number> = {};
const clockStates: Record<string, number> = {};
let dueSteps = 0;
let withNext = 0;
let clocksTotal = 0;
for (const c of cases) {
  const sla: CaseSla = computeCaseSla(c.record, c.events, c.policy, calendar, nowDate);
  states[sla.state] = (states[sla.state] ?? 0) + 1;
  for (const clock of sla.clocks) clockStates[clock.state] = (clockStates[clock.state] ?? 0) + 1;
  clocksTotal += sla.clocks.length;
  dueSteps += sla.escalation.due.length;
  if (sla.nextDueAt) withNext++;
}
const fmtCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
log(`  case states: ${fmtCounts(states)}`);
log(`  ${clocksTotal} clocks: ${fmtCounts(clockStates)}`);
log(`  ${dueSteps} escalation steps due now; ${withNext} cases with a next due instant`);

const sla = measure(CASES, () => slaPass(cases), { runs: 7, warmups: 1 });
const microsPerCase = sla.microsPerOp;
const casesPerSecond = 1e6 / microsPerCase;
const busy = sla.cpuShare < 0.9;
log();
log(
  `SLA state: ${Math.round(casesPerSecond).toLocaleString('en-GB')} cases/s, ${microsPerCase.toFixed(2)} µs/case (CPU time, median of ${sla.runs.length} runs: ${sla.runs.map((r) => r.toFixed(2)).join(', ')} µs)`,
);
log(
  `  wall clock: ${Math.round(1e6 / sla.wallMicrosPerOp).toLocaleString('en-GB')} cases/s, ${sla.wallMicrosPerOp.toFixed(2)} µs/case; this process had ${Math.round(sla.cpuShare * 100)}% of a core (load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )} on ${os.availableParallelism()} cores)${busy ? ' — the machine was busy, so wall times overstate the cost' : ''}`,
);

// The same engine on the same histories as shared/domain's builders leave them in memory: every
// event made by object spread plus fields, which on this V8 gives each object its own hidden class,
// so the engine's property reads miss their inline caches. Store rows (structured clones) share a
// handful of hidden classes. Compared on the same first BUILT cases.
const storedPrefix = cases.slice(0, BUILT);
const storedSmall = measure(BUILT, () => slaPass(storedPrefix), { runs: 3, warmups: 1 });
const builtSmall = measure(BUILT, () => slaPass(built), { runs: 3, warmups: 1 });
log(
  `  first ${BUILT.toLocaleString('en-GB')} cases as store rows ${storedSmall.microsPerOp.toFixed(2)} µs/case; as builder objects (historyOf) ${builtSmall.microsPerOp.toFixed(2)} µs/case (×${(builtSmall.microsPerOp / storedSmall.microsPerOp).toFixed(1)})`,
);

// ——— 2. addWorkingMinutes ———

const random = rng(SEED + 1);
const starts: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const minutes = Math.floor((STARTS_TO - STARTS_FROM) / 60_000);
  starts.push(STARTS_FROM + random.int(0, minutes - 1) * 60_000);
}

function deskAdder(cal: CompiledCalendar): Adder {
  return {
    name: 'desk',
    how: 'compileCalendar(spec).addWorkingMinutes(start, m)',
    adder(list, minutes, out) {
      let dates: Date[] = [];
      return {
        setup() {
          dates = list.map((ms) => new Date(ms));
        },
        run() {
          for (let i = 0; i < dates.length; i++) out[i] = cal.addWorkingMinutes(dates[i]!, minutes).getTime();
        },
      };
    },
  };
}

function deskMeasurer(cal: CompiledCalendar): Measurer {
  return {
    name: 'desk',
    how: 'compileCalendar(spec).workingMinutesBetween(from, to)',
    measurer(froms, tos, out) {
      let a: Date[] = [];
      let b: Date[] = [];
      return {
        setup() {
          a = froms.map((ms) => new Date(ms));
          b = tos.map((ms) => new Date(ms));
        },
        run() {
          for (let i = 0; i < a.length; i++) out[i] = cal.workingMinutesBetween(a[i]!, b[i]!);
        },
      };
    },
  };
}

/** Times a runner that does not consume its inputs, repeating it so a run lasts at least ~50 ms. */
function timeDesk(runner: Runner, ops: number): number {
  runner.setup();
  const t0 = performance.now();
  runner.run();
  const once = Math.max(performance.now() - t0, 0.001);
  const reps = Math.max(1, Math.ceil(50 / once));
  return measure(
    ops * reps,
    () => {
      for (let r = 0; r < reps; r++) runner.run();
    },
    { runs: 7, warmups: 1 },
  ).microsPerOp;
}

const desk = deskAdder(calendar);
const deskMeasure = deskMeasurer(calendar);
const deskAnswers = new Map<TargetName, Float64Array>();
const addMicros = {} as Record<TargetName, number>;
const betweenMicros = {} as Record<TargetName, number>;
log();
log(`Desk calendar operations, ${STARTS.toLocaleString('en-GB')} random whole-minute starts in 2025–2027:`);
for (const [name, minutes] of TARGETS) {
  const out = new Float64Array(STARTS);
  addMicros[name] = timeDesk(desk.adder(starts, minutes, out), STARTS);
  deskAnswers.set(name, out);
  const spans = new Float64Array(STARTS);
  betweenMicros[name] = timeDesk(deskMeasure.measurer(starts, [...out], spans), STARTS);
  // Adding then measuring gives back the minutes exactly (a property the tests also check).
  const off = spans.filter((m) => m !== minutes).length;
  log(
    `  ${name.padEnd(5)} addWorkingMinutes ${addMicros[name].toFixed(3)} µs/op · workingMinutesBetween ${betweenMicros[name].toFixed(3)} µs/op${off ? ` · ${off} round trips off!` : ''}`,
  );
}

// ——— 3. the peers ———

/** Holidays the peers are given: the calendar's own, for the years the inputs and answers reach. */
const lastAnswer = Math.max(...deskAnswers.get('200wd')!);
const fromDate = new Date(STARTS_FROM).toISOString().slice(0, 10);
const toDate = new Date(lastAnswer + 86_400_000).toISOString().slice(0, 10);
if (spec.recurringHolidays.length > 0 || spec.closures.length > 0)
  throw new Error('The UK calendar grew recurring holidays or closures: give them to the peers too.');
const peerCalendar: PeerCalendar = {
  timeZone: ZONE,
  open: '09:00',
  close: '17:00',
  holidays: spec.holidays.map((h) => h.date).filter((d) => d >= fromDate && d <= toDate),
};

interface TargetResult {
  samples: number;
  microsPerOp: number;
  deskMicrosPerOp: number;
  ratio: number;
  wrong: number;
}
interface PeerResult {
  operation: 'addWorkingMinutes' | 'workingMinutesBetween';
  microsPerOp: number;
  ratio: number;
  wrong: number;
  samples: number;
  byTarget: Record<string, TargetResult>;
}
interface Difference {
  target: TargetName;
  /** Index into `starts`. */
  index: number;
  start: number;
  desk: number;
  peer: number;
  /** Adders: peer − Desk in ms of real time; measurers: in working minutes. */
  delta: number;
}

/** Times a peer on a prefix of the inputs sized to its speed, then Desk on the same prefix. */
function comparePeer(
  make: (n: number, out: Float64Array) => Runner,
  makeDesk: (n: number, out: Float64Array) => Runner,
  total: number,
): { samples: number; peer: number; desk: number; peerOut: Float64Array; deskOut: Float64Array } {
  // Calibrate on a few inputs (cold, so the estimate errs on the slow side).
  const probe = Math.min(total, 10);
  const probeOut = new Float64Array(probe);
  const probeRunner = make(probe, probeOut);
  probeRunner.setup();
  const t0 = performance.now();
  probeRunner.run();
  const perOpMs = Math.max((performance.now() - t0) / probe, 1e-4);
  const samples = Math.max(
    Math.min(PEER_MIN_SAMPLES, total),
    Math.min(total, Math.floor(PEER_BUDGET_MS / perOpMs / (PEER_RUNS + 1))),
  );
  const peerOut = new Float64Array(samples);
  const runner = make(samples, peerOut);
  const peer = measure(samples, () => runner.run(), {
    runs: PEER_RUNS,
    warmups: 1,
    setup: () => runner.setup(),
  });
  const deskOut = new Float64Array(samples);
  const desk = timeDesk(makeDesk(samples, deskOut), samples);
  return { samples, peer: peer.microsPerOp, desk, peerOut, deskOut };
}

const peers: Record<string, PeerResult> = {};
const differences = new Map<string, Difference[]>();

function record(
  name: string,
  operation: PeerResult['operation'],
  target: TargetName,
  result: ReturnType<typeof comparePeer>,
  wrong: Difference[],
): void {
  const entry = peers[name] ?? { operation, microsPerOp: 0, ratio: 0, wrong: 0, samples: 0, byTarget: {} };
  peers[name] = entry;
  entry.byTarget[target] = {
    samples: result.samples,
    microsPerOp: round(result.peer),
    deskMicrosPerOp: round(result.desk),
    ratio: round(result.peer / result.desk),
    wrong: wrong.length,
  };
  entry.wrong += wrong.length;
  entry.samples += result.samples;
  const list = differences.get(name) ?? [];
  list.push(...wrong);
  differences.set(name, list);
  log(
    `  ${name.padEnd(24)} ${target.padEnd(5)} ${result.peer.toFixed(2).padStart(10)} µs/op  Desk ${result.desk.toFixed(3).padStart(7)} µs/op  ratio ${round(
      result.peer / result.desk,
    )
      .toString()
      .padStart(8)}  wrong ${wrong.length}/${result.samples}`,
  );
}

/** µs/op and ratio over the three targets weighted equally: Σ peer µs/op ÷ Σ Desk µs/op. */
function summarise(name: string): void {
  const entry = peers[name]!;
  const targets = Object.values(entry.byTarget);
  const peerSum = targets.reduce((s, t) => s + t.microsPerOp, 0);
  const deskSum = targets.reduce((s, t) => s + t.deskMicrosPerOp, 0);
  entry.microsPerOp = round(peerSum / targets.length);
  entry.ratio = round(peerSum / deskSum);
}

const adders: Adder[] = [dayjsBusinessTime(peerCalendar), momentBusinessTime(peerCalendar)];
const measurers: Measurer[] = [workingTimeCalculator(peerCalendar)];
log();
log(
  `Peers, same inputs, same calendar (${peerCalendar.holidays.length} bank holidays ${fromDate}…${toDate}):`,
);
for (const peer of [...adders, ...measurers]) log(`  ${peer.name}: ${peer.how}`);
log();

for (const peer of adders) {
  for (const [name, minutes] of TARGETS) {
    const result = comparePeer(
      (n, out) => peer.adder(starts.slice(0, n), minutes, out),
      (n, out) => desk.adder(starts.slice(0, n), minutes, out),
      STARTS,
    );
    const wrong: Difference[] = [];
    for (let i = 0; i < result.samples; i++) {
      const d = result.deskOut[i]!;
      const p = result.peerOut[i]!;
      if (d !== p) wrong.push({ target: name, index: i, start: starts[i]!, desk: d, peer: p, delta: p - d });
    }
    record(peer.name, 'addWorkingMinutes', name, result, wrong);
  }
  summarise(peer.name);
}

for (const peer of measurers) {
  for (const [name] of TARGETS) {
    const ends = [...deskAnswers.get(name)!];
    const result = comparePeer(
      (n, out) => peer.measurer(starts.slice(0, n), ends.slice(0, n), out),
      (n, out) => deskMeasure.measurer(starts.slice(0, n), ends.slice(0, n), out),
      STARTS,
    );
    const wrong: Difference[] = [];
    for (let i = 0; i < result.samples; i++) {
      const d = result.deskOut[i]!;
      const p = result.peerOut[i]!;
      if (Math.abs(d - p) > 1e-6)
        wrong.push({ target: name, index: i, start: starts[i]!, desk: d, peer: p, delta: p - d });
    }
    record(peer.name, 'workingMinutesBetween', name, result, wrong);
  }
  summarise(peer.name);
}

log();
for (const [name, entry] of Object.entries(peers)) {
  log(
    `  ${name}: ${entry.operation}, ${entry.microsPerOp} µs/op averaged over 1h/20wd/200wd, ratio ${entry.ratio}, wrong ${entry.wrong} of ${entry.samples}`,
  );
}

// ——— what the peers got wrong ———

const local = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const when = (ms: number): string => local.format(new Date(ms));
function span(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  let rest = Math.abs(ms) / 60_000;
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const minutes = Math.round(rest - hours * 60);
  return `${sign}${days ? `${days}d` : ''}${hours ? `${hours}h` : ''}${minutes || (!days && !hours) ? `${minutes}m` : ''}`;
}

log();
log('Where the peers differ from Desk:');
for (const [name, list] of differences) {
  const entry = peers[name]!;
  if (list.length === 0) {
    log(`  ${name}: no differences in ${entry.samples} answers`);
    continue;
  }
  const measuring = entry.operation === 'workingMinutesBetween';
  const buckets = new Map<string, number>();
  for (const d of list) {
    const key = measuring ? `${d.delta > 0 ? '+' : ''}${round(d.delta)} working min` : span(d.delta);
    buckets.set(key, (buckets.get(key) ?? 0) + 1);
  }
  const top = [...buckets]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
  log(`  ${name}: ${list.length} of ${entry.samples} answers differ (peer − Desk: ${top})`);
  // A couple of examples from different targets, the largest difference first.
  const shown = new Set<string>();
  for (const d of [...list].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))) {
    if (shown.has(d.target) || shown.size >= 2) continue;
    shown.add(d.target);
    if (measuring) {
      const minutes = TARGETS.find(([t]) => t === d.target)![1];
      const end = deskAnswers.get(d.target)![d.index]!;
      log(
        `    ${when(d.start)} → ${when(end)}: Desk ${d.desk} working min (= ${minutes}), peer ${round(d.peer)}`,
      );
    } else {
      log(
        `    ${when(d.start)} + ${d.target}: Desk ${when(d.desk)}, peer ${when(d.peer)} (${span(d.delta)})`,
      );
    }
  }
}

// ——— dayjs-business-time with zoned Day.js objects (shown, not timed) ———

/** Runs dayjs.tz(start, zone).addBusinessMinutes(m) in a worker; reports whether it returned within `limitMs`. */
function dayjsZoned(start: string, minutes: number, limitMs: number): Promise<string> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const req = require('node:module').createRequire(workerData.base);
    const dayjs = req('dayjs');
    dayjs.extend(req('dayjs/plugin/utc'));
    dayjs.extend(req('dayjs/plugin/timezone'));
    dayjs.extend(req('dayjs-business-time'));
    dayjs.setHolidays(workerData.holidays);
    parentPort.postMessage({ ready: true });
    const answer = dayjs.tz(Date.parse(workerData.start), workerData.zone).addBusinessMinutes(workerData.minutes);
    parentPort.postMessage({ answer: answer.valueOf() });
  `;
  return new Promise((resolve) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: { base: import.meta.url, start, minutes, zone: ZONE, holidays: [...peerCalendar.holidays] },
    });
    let timer: NodeJS.Timeout | undefined;
    worker.on('message', (message: { ready?: boolean; answer?: number }) => {
      if (message.ready) {
        timer = setTimeout(() => {
          void worker.terminate();
          resolve(`no answer after ${limitMs / 1000} s (stopped)`);
        }, limitMs);
      } else if (message.answer !== undefined) {
        clearTimeout(timer);
        void worker.terminate();
        const right = calendar.addWorkingMinutes(new Date(start), minutes).getTime();
        resolve(
          message.answer === right
            ? `${when(message.answer)} (right)`
            : `${when(message.answer)}, Desk ${when(right)} (${span(message.answer - right)})`,
        );
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      resolve(`error: ${error.message}`);
    });
  });
}

log();
log(
  'dayjs-business-time on zoned objects, dayjs.tz(start, "Europe/London") (why it runs in the process zone):',
);
for (const [start, minutes, label] of [
  ['2025-03-28T16:30:00Z', 60, '1h from Friday before the clocks go forward'],
  ['2025-10-24T15:30:00Z', 60, '1h from Friday (BST) before the clocks go back'],
] as const) {
  log(`  ${when(Date.parse(start))} + ${label}: ${await dayjsZoned(start, minutes, 2_000)}`);
}

// ——— the result ———

const allFaster = Object.values(peers).every((p) => p.ratio > 1);
log();
log(
  `Goal ≥ ${GOAL_CASES_PER_SECOND.toLocaleString('en-GB')} cases/s: ${casesPerSecond >= GOAL_CASES_PER_SECOND ? 'met' : 'NOT met'} (${Math.round(casesPerSecond).toLocaleString('en-GB')}); faster than every peer: ${allFaster ? 'yes' : 'NO'}.`,
);
log(`Total time ${((performance.now() - started) / 1000).toFixed(1)} s (checksum ${sink % 1000}).`);

const result = {
  casesPerSecond: Math.round(casesPerSecond),
  microsPerCase: round(microsPerCase),
  cases: CASES,
  wallMicrosPerCase: round(sla.wallMicrosPerOp),
  cpuShare: round(sla.cpuShare),
  builderObjectsMicrosPerCase: round(builtSmall.microsPerOp),
  storeRowsMicrosPerCase: round(storedSmall.microsPerOp),
  addWorkingMinutesMicros: Object.fromEntries(TARGETS.map(([t]) => [t, round(addMicros[t])])),
  workingMinutesBetweenMicros: Object.fromEntries(TARGETS.map(([t]) => [t, round(betweenMicros[t])])),
  peers,
  environment: { node: process.version, cpu: os.cpus()[0]?.model ?? null, processTimeZone: processZone() },
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/sla.json', `${JSON.stringify(result, null, 2)}\n`);
log(`BENCH ${JSON.stringify(result)}`);
