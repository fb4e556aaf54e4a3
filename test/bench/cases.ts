/*
 * A deterministic desk for the SLA benchmark: cases of the four kinds with the histories a real
 * desk leaves behind — acknowledgements and updates in working hours, waits on the requester
 * (paused clocks, some still paused), stage moves for formal complaints, owners for escalations,
 * resolutions (some late), and the ladder steps staff already carried out (recorded with their
 * step ids, as the app does), so only the newly due ones come back as due.
 *
 * Histories are written with shared/domain's builders, then handed to the engine as the store would
 * hand them over: structured clones (what IndexedDB returns). That matters on this V8: the builders'
 * `{ ...base(at), type, … }` gives every event object its own hidden class, which makes the engine's
 * property reads 2–3 times slower; stored rows share a few hidden classes. sla.ts times both.
 */

import { computeCaseSla } from '../../shared/case-sla';
import {
  applyCaseEventInPlace,
  buildCase,
  type Case,
  type CaseEvent,
  type CaseKind,
  type HistoryBuilder,
  historyOf,
  type Priority,
} from '../../shared/domain';
import type { Policy } from '../../shared/policies';
import type { CompiledCalendar } from '../../shared/sla';
import type { Rng } from './rng';

export interface BenchCase {
  record: Case;
  events: CaseEvent[];
  policy: Policy;
}

export interface GeneratedDesk {
  /** The cases as the store hands them to the engine: structured clones, as IndexedDB returns them. */
  cases: BenchCase[];
  /** The first `keepBuilt` cases as the shared/domain builders made them in memory (see sla.ts). */
  built: BenchCase[];
  mix: DeskMix;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Working minutes in a working day of the UK calendar. */
const WD = 8 * 60;

const KINDS: readonly (readonly [CaseKind, number])[] = [
  ['query', 70],
  ['complaint', 12],
  ['escalation', 12],
  ['formal-complaint', 6],
];
const PRIORITY_MIX: readonly (readonly [Priority, number])[] = [
  ['low', 15],
  ['normal', 60],
  ['high', 20],
  ['urgent', 5],
];
/** How long ago cases arrived: [weight, shortest, longest] in days. */
const AGES: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 1], 20],
  [[1, 7], 30],
  [[7, 28], 30],
  [[28, 112], 20],
];

export interface DeskMix {
  kinds: Record<CaseKind, number>;
  events: number;
  paused: number;
  pausedNow: number;
  resolved: number;
  stepsDone: number;
}

export function generateCases(
  count: number,
  random: Rng,
  now: number,
  calendar: CompiledCalendar,
  policies: ReadonlyMap<CaseKind, Policy>,
  keepBuilt = 0,
): GeneratedDesk {
  const mix: DeskMix = {
    kinds: { query: 0, complaint: 0, escalation: 0, 'formal-complaint': 0 },
    events: 0,
    paused: 0,
    pausedNow: 0,
    resolved: 0,
    stepsDone: 0,
  };
  const nowDate = new Date(now);
  const cases: BenchCase[] = [];
  const built: BenchCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random.weighted(KINDS);
    const policy = policies.get(kind)!;
    const made = generateCase(`b${String(i + 1).padStart(6, '0')}`, kind, policy, random, now, calendar);
    const record = fold(made.initial, made.events);
    // Staff carried out most of the steps that fell due (one pass, as the app's timer would have).
    const sla = computeCaseSla(record, made.events, policy, calendar, nowDate);
    let added = 0;
    let level = record.escalationLevel;
    for (const step of sla.escalation.due) {
      if (!random.chance(0.85)) continue;
      const at = Math.min(now, step.dueAt.getTime() + random.int(1, 90) * MINUTE);
      const base = { caseId: record.id, at: iso(at), actorId: null };
      made.events.push({
        ...base,
        id: `${record.id}-s${++added}`,
        type: 'prompted',
        stepId: step.id,
        ruleId: step.ruleId,
        notified: step.actions.notify,
        flagForPrompt: step.actions.flagForPrompt,
      });
      const raise = step.actions.raiseLevelTo;
      if (raise !== undefined && raise > level) {
        made.events.push({
          ...base,
          id: `${record.id}-s${++added}`,
          type: 'escalated',
          fromLevel: level,
          toLevel: raise,
          stepId: step.id,
        });
        level = raise;
      }
    }
    mix.stepsDone += added;
    // Stored histories are in time order.
    const events =
      added === 0 ? made.events : made.events.slice().sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const final = added === 0 ? record : fold(made.initial, events);
    // What the engine reads in the app: rows from IndexedDB, i.e. structured clones of what was stored.
    const stored = structuredClone({ record: final, events });
    cases.push({ record: stored.record, events: stored.events, policy });
    if (i < keepBuilt) built.push({ record: final, events, policy });
    mix.kinds[kind]++;
    mix.events += events.length;
    if (made.paused) mix.paused++;
    if (final.status === 'pending-requester') mix.pausedNow++;
    if (final.status === 'resolved' || final.status === 'closed') mix.resolved++;
  }
  return { cases, built, mix };
}

function fold(initial: Case, events: readonly CaseEvent[]): Case {
  const record = { ...initial };
  for (const event of events) applyCaseEventInPlace(record, event);
  return record;
}

const iso = (ms: number): string => new Date(ms).toISOString();

interface Made {
  initial: Case;
  events: CaseEvent[];
  paused: boolean;
}

/** Working minutes drawn from buckets: [[shortest, longest], weight]. */
function workingMinutes(
  random: Rng,
  buckets: readonly (readonly [readonly [number, number], number])[],
): number {
  const [lo, hi] = random.weighted(buckets);
  return random.int(lo, hi);
}

function generateCase(
  id: string,
  kind: CaseKind,
  policy: Policy,
  random: Rng,
  now: number,
  calendar: CompiledCalendar,
): Made {
  const [minDays, maxDays] = random.weighted(AGES);
  let received = now - Math.round((minDays + random.next() * (maxDays - minDays)) * DAY);
  received -= received % 1000;
  // Most cases arrive in office hours; the rest by email at night or at weekends.
  if (random.chance(0.75) && !calendar.isWorkingTime(new Date(received))) {
    const moved =
      calendar.addWorkingMinutes(new Date(received), random.int(1, 180)).getTime() + random.int(0, 59) * 1000;
    if (moved < now) received = moved;
  }
  const priority = random.weighted(PRIORITY_MIX);
  const initial = buildCase({
    id,
    kind,
    receivedAt: iso(received),
    status: 'new',
    priority,
    policyId: policy.id,
    stage: policy.initialStage,
  });
  const h = historyOf(initial);
  h.created(initial.receivedAt);

  // A cursor through the case's life; every step lands in working time, a few seconds in.
  let t = received;
  let status: Case['status'] = 'new';
  let paused = false;
  const after = (minutes: number): boolean => {
    const next = calendar.addWorkingMinutes(new Date(t), minutes).getTime() + random.int(0, 59) * 1000;
    if (next > now) return false;
    t = next;
    return true;
  };
  const setStatus = (to: Case['status']): void => {
    if (to === status) return;
    status = to;
    h.status(iso(t), to);
  };
  const reply = (purpose: 'acknowledgement' | 'update' | 'response'): void => {
    h.reply(iso(t), purpose);
  };
  /** A wait on the requester: paused until they answer (or still paused at `now`). */
  const waitOnRequester = (b: HistoryBuilder): boolean => {
    paused = true;
    reply('update');
    setStatus('pending-requester');
    if (!after(workingMinutes(random, WAIT)) || random.chance(0.1)) return false;
    b.contact(iso(t));
    setStatus('in-progress');
    return true;
  };

  switch (kind) {
    case 'query': {
      // First response: usually within the 8 working hours, sometimes late.
      if (!after(workingMinutes(random, FIRST_RESPONSE))) break;
      setStatus('in-progress');
      reply('acknowledgement');
      let budget = workingMinutes(random, QUERY_EFFORT);
      while (budget > 0) {
        const step = Math.min(budget, random.int(WD / 2, 3 * WD));
        budget -= step;
        if (!after(step)) return { initial, events: h.events, paused };
        if (budget > 0 && random.chance(0.3) && !waitOnRequester(h))
          return { initial, events: h.events, paused };
        if (budget > 0 && random.chance(0.4)) reply('update');
      }
      reply('response');
      setStatus('resolved');
      if (after(random.int(WD, 5 * WD))) setStatus('closed');
      break;
    }
    case 'complaint': {
      if (!after(workingMinutes(random, COMPLAINT_RESPONSE))) break;
      setStatus('in-progress');
      reply('acknowledgement');
      let budget = workingMinutes(random, COMPLAINT_EFFORT);
      while (budget > 0) {
        const step = Math.min(budget, random.int(WD, 5 * WD));
        budget -= step;
        if (!after(step)) return { initial, events: h.events, paused };
        if (budget > 0 && random.chance(0.25) && !waitOnRequester(h))
          return { initial, events: h.events, paused };
        if (budget > 0) reply('update');
      }
      reply('response');
      setStatus('resolved');
      break;
    }
    case 'escalation': {
      const owned = random.chance(0.9);
      if (owned && !after(random.int(5, 120))) break;
      if (owned) h.owner(iso(t), `agent-${random.int(1, 40)}`);
      if (!after(workingMinutes(random, ACKNOWLEDGE))) break;
      setStatus('in-progress');
      reply('acknowledgement');
      let budget = workingMinutes(random, ESCALATION_EFFORT);
      while (budget > 0) {
        // Updates roughly every two working days, some late.
        const step = Math.min(budget, random.int(WD, 3 * WD));
        budget -= step;
        if (!after(step)) return { initial, events: h.events, paused };
        if (budget > 0 && random.chance(0.15) && !waitOnRequester(h))
          return { initial, events: h.events, paused };
        if (budget > 0) reply('update');
      }
      reply('response');
      setStatus('resolved');
      break;
    }
    case 'formal-complaint': {
      // Informal first; most go formal.
      if (!after(random.int(WD, 8 * WD))) break;
      setStatus('in-progress');
      if (random.chance(0.3)) {
        reply('response');
        setStatus('resolved');
        break;
      }
      h.stage(iso(t), 'formal');
      if (!after(random.int(60, 7 * WD))) break;
      h.owner(iso(t), `agent-${random.int(1, 40)}`);
      reply('acknowledgement');
      if (random.chance(0.2) && !waitOnRequester(h)) break;
      if (!after(random.int(5 * WD, 24 * WD))) break;
      reply('response');
      // Two weeks to ask for the Head of Department's review.
      const review = random.chance(0.3);
      const wait = review ? random.int(1, 13) * DAY : 15 * DAY;
      if (t + wait > now) break;
      t += wait;
      if (!review) {
        setStatus('resolved');
        break;
      }
      h.contact(iso(t));
      h.stage(iso(t), 'hod-review');
      if (!after(random.int(2 * WD, 24 * WD))) break;
      reply('response');
      if (random.chance(0.15)) {
        h.stage(iso(t), 'external');
        break;
      }
      setStatus('resolved');
      break;
    }
  }
  return { initial, events: h.events, paused };
}

type Buckets = readonly (readonly [readonly [number, number], number])[];
const FIRST_RESPONSE: Buckets = [
  [[5, 240], 60],
  [[240, 480], 28],
  [[480, 3 * WD], 12],
];
const COMPLAINT_RESPONSE: Buckets = [
  [[10, 480], 75],
  [[480, 3 * WD], 25],
];
const ACKNOWLEDGE: Buckets = [
  [[5, 180], 70],
  [[180, 240], 15],
  [[240, 2 * WD], 15],
];
const QUERY_EFFORT: Buckets = [
  [[30, 2 * WD], 40],
  [[2 * WD, 10 * WD], 40],
  [[10 * WD, 30 * WD], 20],
];
const COMPLAINT_EFFORT: Buckets = [
  [[2 * WD, 15 * WD], 60],
  [[15 * WD, 20 * WD], 25],
  [[20 * WD, 35 * WD], 15],
];
const ESCALATION_EFFORT: Buckets = [
  [[WD, 5 * WD], 50],
  [[5 * WD, 15 * WD], 40],
  [[15 * WD, 30 * WD], 10],
];
const WAIT: Buckets = [
  [[60, 2 * WD], 60],
  [[2 * WD, 10 * WD], 40],
];
