import { computeCaseSla } from '../case-sla';
import {
  applyCaseEventInPlace,
  type Case,
  type CaseEvent,
  type CaseKind,
  type Channel,
  isOpenStatus,
  type Priority,
  type RequesterContact,
} from '../domain';
import { type Policy, presetPolicies } from '../policies';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { type CalendarSpec, type CompiledCalendar, compileCalendar } from '../sla';
import type { Contact, Person, Team } from '../sync';
import {
  assignEvents,
  createdEvent,
  customerContactEvents,
  linkEvents,
  noteEvent,
  referralEvent,
  replyEvent,
  stageEvent,
  statusEvent,
  stepEvents,
} from '../sync/case-events';
import { toInstant } from '../time';
import {
  ACKNOWLEDGEMENTS,
  COMPLAINT_TOPICS,
  CUSTOMER_FOLLOW_UPS,
  DEPARTMENTS,
  type DemoTeamId,
  FIRST_NAMES,
  FORMAL_TOPICS,
  LAST_NAMES,
  QUERY_TOPICS,
  REMEDY_TIMES,
  UPDATES,
} from './catalogue';
import { type DemoDirectory, demoDirectory } from './directory';
import { hash32, type Random, randomStream } from './random';
import { DAY, HOUR, isoInstant, isWeekend, MINUTE, type Timeline, timeline, workingMoment } from './timeline';

export interface DemoOptions {
  /** How many cases (up to a few hundred thousand). */
  cases: number;
  /** The present: cases were received over the weeks before it. */
  now: Date | string;
  /** Another seed gives another desk; the same seed always the same one. */
  seed?: number;
}

/** Rows of a run of consecutive cases: their timelines and the requesters they name. */
export interface DemoRows {
  cases: Case[];
  events: CaseEvent[];
  contacts: Contact[];
}

export interface DemoData extends DemoRows {
  people: Person[];
  teams: Team[];
}

/** How many weeks of traffic the demo spreads its cases over. */
export const DEMO_WEEKS = 12;
/** The reference numbers of demo cases start here (Q-10001, C-10002…). */
export const DEMO_FIRST_REF = 10_001;
export const DEMO_CALENDAR_ID = 'uk-england-and-wales';

/** Every demo case at once (tests, small desks). For large desks use `demoChunks`. */
export function generateDemo(options: DemoOptions): DemoData {
  const plan = demoPlan(options);
  const cases: Case[] = [];
  const events: CaseEvent[] = [];
  const contacts = new Map<string, Contact>();
  for (let i = 0; i < plan.total; i++) {
    const made = demoCase(plan, i);
    cases.push(made.case);
    for (const event of made.events) events.push(event);
    contacts.set(made.contact.id, made.contact);
  }
  return {
    cases,
    events,
    contacts: [...contacts.values()],
    people: [...plan.directory.people],
    teams: [...plan.directory.teams],
  };
}

/**
 * The same cases as `generateDemo`, `size` at a time, for bulk loading without holding 200,000 timelines in
 * memory. Contacts repeat across chunks (a requester raises several cases); writing them again is harmless.
 */
export function* demoChunks(options: DemoOptions, size = 2000): Generator<DemoRows> {
  const plan = demoPlan(options);
  for (let from = 0; from < plan.total; from += size) {
    const cases: Case[] = [];
    const events: CaseEvent[] = [];
    const contacts = new Map<string, Contact>();
    for (let i = from; i < Math.min(plan.total, from + size); i++) {
      const made = demoCase(plan, i);
      cases.push(made.case);
      for (const event of made.events) events.push(event);
      contacts.set(made.contact.id, made.contact);
    }
    yield { cases, events, contacts: [...contacts.values()] };
  }
}

/** The demo's people and teams. */
export function demoPeople(): { people: Person[]; teams: Team[] } {
  const directory = demoDirectory();
  return { people: [...directory.people], teams: [...directory.teams] };
}

/** The policies (the four presets) and the UK calendar the demo's cases run under, as the store keeps them. */
export function demoSettings(now: Date | string | number): { policies: Policy[]; calendars: CalendarSpec[] } {
  const year = new Date(typeof now === 'number' ? now : toInstant(now).getTime()).getUTCFullYear();
  return {
    policies: presetPolicies(),
    calendars: [ukCalendarSpec({ id: DEMO_CALENDAR_ID, fromYear: year - 1, toYear: year + 2 })],
  };
}

/** The demo case id of case number `i` (0-based), for tests and links. */
export function demoCaseId(i: number): string {
  return `demo-${i + DEMO_FIRST_REF}`;
}

// ——— the plan: everything that does not depend on one case ———

interface Plan {
  total: number;
  seed: number;
  now: number;
  nowDate: Date;
  /** Day d of the span starts at firstDay + d·DAY; its share of arrivals is weights[d]. */
  firstDay: number;
  weights: Float64Array;
  cumulative: Float64Array;
  directory: DemoDirectory;
  policies: Readonly<Record<CaseKind, Policy>>;
  calendar: CompiledCalendar;
  /** How many different requesters raise the cases (many raise more than one). */
  requesterPool: number;
  /** Requesters already made, by number: a requester's strings are built once. */
  requesters: Map<number, Requester>;
}

/** Share of a day's arrivals in each hour (UTC): office hours, a lunchtime dip, some evenings. */
const HOURLY = [
  0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.2, 0.6, 2, 4, 4, 4, 3, 3.6, 4, 3.6, 3, 1.5, 0.8, 0.7, 0.6, 0.5, 0.3,
  0.2,
];
const HOURLY_CUMULATIVE: number[] = [];
for (const weight of HOURLY) HOURLY_CUMULATIVE.push((HOURLY_CUMULATIVE.at(-1) ?? 0) + weight);
const HOURLY_TOTAL = HOURLY_CUMULATIVE.at(-1)!;

function demoPlan(options: DemoOptions): Plan {
  const total = Math.max(0, Math.floor(options.cases));
  const now = toInstant(options.now, 'demo now').getTime();
  const seed = options.seed ?? 1;

  const days = DEMO_WEEKS * 7;
  const today = now - (now % DAY);
  const firstDay = today - (days - 1) * DAY;
  const weights = new Float64Array(days);
  const cumulative = new Float64Array(days);
  let sum = 0;
  for (let d = 0; d < days; d++) {
    const day = firstDay + d * DAY;
    let weight = isWeekend(day) ? 0.1 : 1;
    if (d === days - 1) weight *= hourShare((now - day) / HOUR);
    weights[d] = weight;
    sum += weight;
    cumulative[d] = sum;
  }
  const settings = demoSettings(now);
  const policies = Object.fromEntries(settings.policies.map((p) => [p.caseKind, p])) as Record<
    CaseKind,
    Policy
  >;
  return {
    total,
    seed,
    now,
    nowDate: new Date(now),
    firstDay,
    weights,
    cumulative,
    directory: demoDirectory(),
    policies,
    calendar: compileCalendar(settings.calendars[0]!),
    requesterPool: Math.max(40, Math.round(total * 0.45)),
    requesters: new Map(),
  };
}

/** Share of a day's arrivals before `hours` into it. */
function hourShare(hours: number): number {
  if (hours >= 24) return 1;
  const whole = Math.floor(hours);
  const before = whole === 0 ? 0 : HOURLY_CUMULATIVE[whole - 1]!;
  return (before + HOURLY[whole]! * (hours - whole)) / HOURLY_TOTAL;
}

/** The hour offset (fractional) into a day where `share` of its arrivals have come. */
function hourAt(share: number): number {
  const target = share * HOURLY_TOTAL;
  let h = 0;
  while (h < 23 && HOURLY_CUMULATIVE[h]! < target) h++;
  const before = h === 0 ? 0 : HOURLY_CUMULATIVE[h - 1]!;
  return h + (target - before) / HOURLY[h]!;
}

/**
 * When case i arrived. Cases are numbered in arrival order, so references rise with time, as a real desk's do:
 * case i sits at share (i + ½)/N of the span's arrivals.
 */
function receivedAt(plan: Plan, i: number): number {
  const target = ((i + 0.5) / plan.total) * plan.cumulative[plan.cumulative.length - 1]!;
  let lo = 0;
  let hi = plan.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (plan.cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  const before = lo === 0 ? 0 : plan.cumulative[lo - 1]!;
  const share = (target - before) / plan.weights[lo]!;
  const dayStart = plan.firstDay + lo * DAY;
  const dayShare = lo === plan.cumulative.length - 1 ? hourShare((plan.now - dayStart) / HOUR) : 1;
  const at = Math.min(dayStart + hourAt(share * dayShare) * HOUR, plan.now - MINUTE);
  return at - (at % 1000);
}

/** The case number that arrived at (or just before) `ms`, or -1 before the first. */
function caseAt(plan: Plan, ms: number): number {
  let lo = -1;
  let hi = plan.total - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (receivedAt(plan, mid) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// ——— what can be known of a case without generating it (escalations need their originals) ———

const SALT = { kind: 1, topic: 2, requester: 3, priority: 4, original: 5 } as const;

function draw(plan: Plan, salt: number, i: number): number {
  return hash32(plan.seed * 16 + salt, i) / 4294967296;
}

/** Before escalations look for their original: 82% queries, 8% complaints, 6% escalations, 4% formal. */
function drawnKind(plan: Plan, i: number): CaseKind {
  const r = draw(plan, SALT.kind, i);
  return r < 0.82 ? 'query' : r < 0.9 ? 'complaint' : r < 0.96 ? 'escalation' : 'formal-complaint';
}

/** An escalation quotes a query received 2 to 21 days earlier; with none to quote, the case is a query. */
function originalOf(plan: Plan, i: number): number | null {
  const at = receivedAt(plan, i);
  const lo = Math.max(0, caseAt(plan, at - 21 * DAY));
  const hi = caseAt(plan, at - 2 * DAY);
  if (hi < lo) return null;
  for (let attempt = 0; attempt < 6; attempt++) {
    const j = lo + Math.floor(draw(plan, SALT.original, i * 8 + attempt) * (hi - lo + 1));
    if (drawnKind(plan, j) === 'query') return j;
  }
  return null;
}

function kindOf(plan: Plan, i: number): CaseKind {
  const kind = drawnKind(plan, i);
  return kind === 'escalation' && originalOf(plan, i) === null ? 'query' : kind;
}

function queryTopicOf(plan: Plan, i: number) {
  return QUERY_TOPICS[Math.floor(draw(plan, SALT.topic, i) * QUERY_TOPICS.length)]!;
}

function refOf(plan: Plan, i: number): string {
  const prefix = { query: 'Q', complaint: 'C', escalation: 'E', 'formal-complaint': 'F' }[kindOf(plan, i)];
  return `${prefix}-${i + DEMO_FIRST_REF}`;
}

function priorityOf(plan: Plan, i: number): Priority {
  const r = draw(plan, SALT.priority, i);
  return r < 0.15 ? 'low' : r < 0.8 ? 'normal' : r < 0.95 ? 'high' : 'urgent';
}

// ——— requesters ———

const NAME_COMBINATIONS = FIRST_NAMES.length * LAST_NAMES.length;

interface Requester {
  contact: Contact;
  details: RequesterContact;
}

function requesterOf(plan: Plan, i: number): Requester {
  const k = Math.floor(draw(plan, SALT.requester, i) * plan.requesterPool);
  let requester = plan.requesters.get(k);
  if (requester === undefined) {
    requester = makeRequester(plan, k);
    plan.requesters.set(k, requester);
  }
  return requester;
}

function makeRequester(plan: Plan, k: number): Requester {
  // A bijection of k over the name combinations, so neighbouring requesters don't share a first name.
  const combo = (k * 7919 + 13) % NAME_COMBINATIONS;
  const first = FIRST_NAMES[combo % FIRST_NAMES.length]!;
  const last = LAST_NAMES[Math.floor(combo / FIRST_NAMES.length)]!;
  const plain = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
  const kind = hash32(plan.seed, k) % 100;
  const affiliation = kind < 72 ? 'student' : kind < 95 ? 'staff' : 'public';
  const round = Math.floor(k / NAME_COMBINATIONS);
  const email =
    affiliation === 'student'
      ? `${plain(first)[0]}${plain(last)[0]}${1000 + k}@student.example.ac.uk`
      : affiliation === 'staff'
        ? `${plain(first)}.${plain(last)}${round > 0 ? round + 1 : ''}@example.ac.uk`
        : `${plain(first)}${plain(last)}.${k}@example.com`;
  const phone = `07700 900${String(k % 1000).padStart(3, '0')}`;
  const name = `${first} ${last}`;
  return {
    contact: {
      id: `contact-${email}`,
      name,
      email,
      phone,
      affiliation,
      updatedAt: new Date(plan.firstDay).toISOString(),
    },
    details: { name, email, phone, affiliation },
  };
}

// ——— one case ———

interface MadeCase {
  case: Case;
  events: CaseEvent[];
  contact: Contact;
}

interface Story {
  readonly plan: Plan;
  readonly r: Random;
  readonly t: Timeline;
}

function demoCase(plan: Plan, i: number): MadeCase {
  const id = demoCaseId(i);
  const kind = kindOf(plan, i);
  const r = randomStream(plan.seed, i);
  const start = receivedAt(plan, i);
  const requester = requesterOf(plan, i);
  const priority = kind === 'query' ? priorityOf(plan, i) : r.chance(0.3) ? 'high' : 'normal';
  const policy = plan.policies[kind];

  const draft: Case = {
    id,
    ref: refOf(plan, i),
    kind,
    policyId: policy.id,
    calendarId: policy.calendarId,
    subject: '',
    description: '',
    status: 'new',
    priority,
    stage: policy.initialStage,
    escalationLevel: 0,
    teamId: null,
    ownerId: null,
    assigneeId: null,
    confidential: policy.confidentialByDefault,
    needsPrompt: false,
    requester: requester.details,
    intake: {},
    originalCaseId: null,
    originalTicketRef: null,
    externalReferral: null,
    receivedAt: isoInstant(start),
    createdAt: isoInstant(start),
    updatedAt: isoInstant(start),
    resolvedAt: null,
    closedAt: null,
  };
  const story: Story = { plan, r, t: timeline(draft, plan.now, start) };
  const extra: CaseEvent[] = [];
  switch (kind) {
    case 'query':
      writeQuery(story, draft, i);
      break;
    case 'complaint':
      writeComplaint(story, draft, i, extra);
      break;
    case 'escalation':
      writeEscalation(story, draft, i, extra);
      break;
    case 'formal-complaint':
      writeFormalComplaint(story, draft);
      break;
  }
  const events = story.t.events;
  let kase = story.t.case;
  if (isOpenStatus(kase.status)) kase = recordLadderSteps(plan, kase, events);
  for (const event of extra) events.push(event);
  return { case: kase, events, contact: requester.contact };
}

/** The case as its history (in time order) leaves it, through the same reducer the mutators use. */
function replay(draft: Case, events: readonly CaseEvent[]): Case {
  const kase = { ...draft };
  for (const event of events) applyCaseEventInPlace(kase, event);
  return kase;
}

/**
 * The escalation steps an open case has already gone through (prompts on days 2 and 4, the manager on day 7…)
 * as the policy's ladder says, recorded as a desk that kept up would have: so the demo opens with levels raised
 * and nothing left for the app to catch up on.
 */
function recordLadderSteps(plan: Plan, kase: Case, events: CaseEvent[]): Case {
  const policy = plan.policies[kase.kind];
  const { due } = computeCaseSla(kase, events, policy, plan.calendar, plan.nowDate).escalation;
  if (due.length === 0) return kase;
  // The level each step finds the case at: a step raises it only above what earlier steps reached.
  const stepped = { ...kase };
  for (const step of due) {
    const at = new Date(Math.min(step.dueAt.getTime(), plan.now)).toISOString();
    const done = stepEvents({ now: at }, stepped, {
      stepId: step.id,
      ruleId: step.ruleId,
      notified: step.actions.notify,
      flagForPrompt: step.actions.flagForPrompt,
      raiseTo: step.actions.raiseLevelTo,
      message: step.actions.message,
    });
    for (const event of done) {
      events.push(event);
      applyCaseEventInPlace(stepped, event);
    }
  }
  // Steps happened between the case's other events: put them in their place.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return replay(kase, events);
}

type ChannelMix = readonly (readonly [Channel, number])[];

/** How each kind of case reaches the desk (shares add up to 1). */
const CHANNELS: Readonly<Record<CaseKind, ChannelMix>> = {
  query: [
    ['email', 0.55],
    ['portal', 0.2],
    ['phone', 0.17],
    ['in-person', 0.08],
  ],
  complaint: [
    ['email', 0.6],
    ['phone', 0.3],
    ['letter', 0.1],
  ],
  escalation: [
    ['email', 0.7],
    ['phone', 0.3],
  ],
  'formal-complaint': [
    ['email', 0.7],
    ['letter', 0.3],
  ],
};

function pickChannel(r: Random, kind: CaseKind): Channel {
  let x = r.next();
  for (const [channel, share] of CHANNELS[kind]) {
    x -= share;
    if (x < 0) return channel;
  }
  return 'email';
}

/** Logged by the desk: by mail ingestion (no person) or by the agent who took the call. */
function logged(s: Story, draft: Case, channel: Channel, summary: string, agent: string): void {
  const start = s.t.last();
  s.t.add(start, null, (ctx, kase) => customerContactEvents(kase, ctx, { channel, summary }));
  const byMail = channel === 'email' || channel === 'portal';
  const createdAt = byMail ? start + s.r.exp(3 * MINUTE) : start + 2 * MINUTE;
  s.t.add(createdAt, byMail ? null : agent, (ctx, kase) => [createdEvent(ctx, kase)]);
  draft.createdAt = isoInstant(Math.min(createdAt - (createdAt % 1000), s.plan.now));
}

/** Assigned to someone, who becomes the owner (as the assign mutator does). */
function assignTo(s: Story, ms: number, by: string, assignee: string, teamId: string): boolean {
  return s.t.add(ms, by, (ctx, kase) => assignEvents(ctx, kase, { assigneeId: assignee, teamId }));
}

function reply(
  s: Story,
  ms: number,
  by: string,
  purpose: 'acknowledgement' | 'update' | 'response',
  text: string,
) {
  return s.t.add(workingMoment(ms), by, (ctx, kase) => [
    replyEvent(ctx, kase, { purpose, channel: 'email', summary: text }),
  ]);
}

function status(s: Story, ms: number, by: string | null, to: Case['status'], reason?: string) {
  return s.t.add(ms, by, (ctx, kase) => [statusEvent(ctx, kase, to, reason)]);
}

function note(s: Story, ms: number, by: string, text: string) {
  return s.t.add(ms, by, (ctx, kase) => [noteEvent(ctx, kase, text)]);
}

function stage(s: Story, ms: number, by: string, to: string) {
  return s.t.add(ms, by, (ctx, kase) => [stageEvent(ctx, kase, to)]);
}

function referral(s: Story, ms: number, by: string, body: string) {
  return s.t.add(ms, by, (ctx, kase) => [referralEvent(ctx, kase, body)]);
}

/** The requester got back in touch (by email): a case waiting on them opens again, as the mail channel does. */
function contact(s: Story, ms: number, summary: string) {
  return s.t.add(ms, null, (ctx, kase) => customerContactEvents(kase, ctx, { channel: 'email', summary }));
}

/** Resolved with a written response, then closed automatically five days later. */
function resolve(s: Story, ms: number, by: string, response: string): void {
  if (!reply(s, ms, by, 'response', response)) return;
  if (!status(s, s.t.last(), by, 'resolved')) return;
  status(s, s.t.last() + 5 * DAY, null, 'closed', 'Closed automatically five days after resolution.');
}

const desk = (s: Story) => s.plan.directory.workers['team-service-desk'];

function writeQuery(s: Story, draft: Case, i: number): void {
  const { r, t } = s;
  const topic = queryTopicOf(s.plan, i);
  draft.subject = topic.subject;
  draft.description = topic.description;
  draft.teamId = topic.team;
  const triager = r.pick(desk(s));
  const worker = topic.team === 'team-service-desk' ? triager : r.pick(s.plan.directory.workers[topic.team]);
  logged(s, draft, pickChannel(r, 'query'), topic.description, triager);

  const speed = { urgent: 0.3, high: 0.6, normal: 1, low: 1.6 }[draft.priority];
  // One in ten sits unnoticed in the queue for a while: these are the ones the day-2 prompt is for.
  const triage = t.last() + (r.chance(0.1) ? r.exp(2 * DAY) : r.exp(90 * MINUTE * speed));
  if (!assignTo(s, workingMoment(triage), triager, worker, topic.team)) return;
  // A third are fixed at once: the answer is the first reply.
  if (r.chance(0.35)) {
    resolve(s, t.last() + r.exp(90 * MINUTE * speed), worker, topic.resolution);
    return;
  }
  if (!reply(s, t.last() + r.exp(2 * HOUR * speed), worker, 'acknowledgement', r.pick(ACKNOWLEDGEMENTS)))
    return;
  if (!status(s, t.last(), worker, 'in-progress')) return;

  const first = topic.notes[0];
  if (
    first !== undefined &&
    r.chance(0.4) &&
    !note(s, workingMoment(t.last() + r.exp(5 * HOUR)), worker, first)
  ) {
    return;
  }
  if (r.chance(0.3)) {
    if (!reply(s, t.last() + r.exp(6 * HOUR), worker, 'update', topic.question)) return;
    if (!status(s, t.last(), worker, 'pending-requester')) return;
    // Some never answer: the case waits until someone chases or closes it.
    if (r.chance(0.15)) return;
    if (!contact(s, t.last() + r.exp(1.5 * DAY), r.pick(CUSTOMER_FOLLOW_UPS))) return;
  } else if (r.chance(0.1)) {
    if (
      !status(
        s,
        workingMoment(t.last() + r.exp(HOUR)),
        worker,
        'pending-third-party',
        'Waiting on the supplier.',
      )
    )
      return;
    if (!status(s, workingMoment(t.last() + r.exp(3 * DAY)), worker, 'in-progress')) return;
  }
  const second = topic.notes[1];
  if (
    second !== undefined &&
    r.chance(0.15) &&
    !note(s, workingMoment(t.last() + r.exp(DAY)), worker, second)
  ) {
    return;
  }
  // Most queries take a day or two; a long tail (one in twelve) drags on for weeks.
  const effort = r.exp(1.6 * DAY * speed) + (r.chance(0.08) ? r.exp(15 * DAY) : 0);
  if (effort > 4 * DAY && !reply(s, t.last() + 3 * DAY, worker, 'update', r.pick(UPDATES))) return;
  resolve(s, t.last() + effort, worker, topic.resolution);
}

function writeComplaint(s: Story, draft: Case, i: number, extra: CaseEvent[]): void {
  const { r, t, plan } = s;
  const topic = r.pick(COMPLAINT_TOPICS);
  draft.subject = topic.subject;
  draft.description = topic.description;
  draft.teamId = 'team-service-desk';
  draft.requester = { ...draft.requester, bestTimeToCall: r.pick(REMEDY_TIMES) };
  draft.intake = {
    'desired-remedy': topic.remedy,
    'daytime-phone': draft.requester.phone ?? '',
    'best-time-to-call': draft.requester.bestTimeToCall ?? '',
  };
  const handler = r.pick(plan.directory.complaintHandlers);
  logged(s, draft, pickChannel(r, 'complaint'), topic.description, handler);

  // "Dissatisfaction with an escalation is itself raised as a complaint": link it to that escalation.
  if (topic.subject.includes('escalation'))
    linkToEarlier(s, draft, i, 'escalation', 'complains-about', extra);

  if (
    !assignTo(
      s,
      workingMoment(t.last() + r.exp(2 * HOUR)),
      plan.directory.managerId,
      handler,
      'team-service-desk',
    )
  )
    return;
  // Respond within 24 hours: most do, a few don't.
  if (
    !reply(
      s,
      t.last() + r.exp(8 * HOUR),
      handler,
      'acknowledgement',
      'Thank you for telling us. We are looking into your complaint and will call you.',
    )
  )
    return;
  if (!status(s, t.last(), handler, 'in-progress')) return;
  if (!note(s, workingMoment(t.last() + r.exp(DAY)), handler, 'Called the complainant; agreed next steps.'))
    return;
  const effort = r.exp(9 * DAY);
  if (topic.dataProtection && effort > 12 * DAY && r.chance(0.5)) {
    // Unresolved data-protection complaints can go to the ICO.
    referral(s, workingMoment(t.last() + 12 * DAY), handler, "Information Commissioner's Office");
    return;
  }
  resolve(s, t.last() + effort, handler, 'We have put this right and apologise for the trouble caused.');
}

function writeEscalation(s: Story, draft: Case, i: number, extra: CaseEvent[]): void {
  const { r, t, plan } = s;
  const j = originalOf(plan, i)!;
  const topic = queryTopicOf(plan, j);
  const original = requesterOf(plan, j);
  draft.requester = original.details;
  draft.subject = `Escalation of ${refOf(plan, j)}: ${topic.subject}`;
  const grounds = r.chance(0.7) ? 'service-level' : 'operational-impact';
  draft.description =
    grounds === 'service-level'
      ? 'This has been open far longer than the service level says and nobody has told me why.'
      : 'Until this is fixed our whole team cannot work: teaching is being cancelled.';
  draft.intake = { 'original-ticket': refOf(plan, j), grounds, impact: draft.description };
  draft.teamId = topic.team;
  draft.originalTicketRef = refOf(plan, j);
  const owner = plan.directory.lineManagers[topic.team as DemoTeamId];
  logged(s, draft, pickChannel(r, 'escalation'), draft.description, plan.directory.managerId);
  linkTo(s, draft, j, 'escalates', extra);

  if (!assignTo(s, workingMoment(t.last() + r.exp(3 * HOUR)), plan.directory.managerId, owner, topic.team))
    return;
  if (
    !reply(
      s,
      t.last() + r.exp(5 * HOUR),
      owner,
      'acknowledgement',
      `I am the owner of your escalation and will update you regularly.`,
    )
  )
    return;
  if (!status(s, t.last(), owner, 'in-progress')) return;
  const effort = r.exp(7 * DAY);
  const end = t.last() + effort;
  // Regular updates until resolved (a few are late: the update-overdue step is for them).
  while (t.last() + 2 * DAY < end) {
    if (!reply(s, t.last() + DAY + r.exp(1.2 * DAY), owner, 'update', r.pick(UPDATES))) return;
  }
  resolve(s, end, owner, 'The original issue is fixed and we have reviewed why it took so long.');
}

function writeFormalComplaint(s: Story, draft: Case): void {
  const { r, t, plan } = s;
  const topic = r.pick(FORMAL_TOPICS);
  draft.subject = topic.subject;
  draft.description = topic.statement;
  draft.teamId = 'team-service-desk';
  draft.intake = {
    statement: topic.statement,
    'date-or-period': topic.period,
    'call-references': `Q-${DEMO_FIRST_REF + r.int(Math.max(1, plan.total))}`,
    department: r.pick(DEPARTMENTS),
  };
  const handler = plan.directory.managerId;
  logged(s, draft, pickChannel(r, 'formal-complaint'), topic.statement, handler);
  const person = r.pick(plan.directory.complaintHandlers);

  // Informal resolution first, with the person already involved; half are settled there.
  if (!assignTo(s, workingMoment(t.last() + r.exp(DAY)), handler, person, 'team-service-desk')) return;
  if (!status(s, t.last(), person, 'in-progress')) return;
  if (r.chance(0.5)) {
    resolve(s, t.last() + r.exp(4 * DAY), person, 'Resolved informally with the team involved.');
    return;
  }
  if (!stage(s, workingMoment(t.last() + r.exp(3 * DAY)), handler, 'formal')) return;
  if (
    !reply(
      s,
      t.last() + r.exp(2.5 * DAY),
      person,
      'acknowledgement',
      'We acknowledge your formal complaint and will respond in writing within 20 working days.',
    )
  )
    return;
  if (
    !reply(
      s,
      t.last() + r.exp(16 * DAY),
      person,
      'response',
      'Our written response to your complaint is attached.',
    )
  )
    return;
  if (!status(s, t.last(), person, 'resolved')) return;
  // The complainant may ask for Head of Department review within two weeks of the response.
  if (r.chance(0.6)) {
    status(s, t.last() + 5 * DAY, null, 'closed', 'Closed automatically five days after resolution.');
    return;
  }
  // A resolved case stays resolved on the request itself: the review reopens it.
  const request = 'I ask for my complaint to be reviewed by the Head of Department.';
  if (!contact(s, t.last() + r.exp(5 * DAY), request)) return;
  if (!stage(s, t.last(), handler, 'hod-review')) return;
  if (!status(s, t.last(), handler, 'in-progress', 'Reopened for Head of Department review.')) return;
  if (
    !reply(
      s,
      t.last() + r.exp(14 * DAY),
      handler,
      'response',
      'The Head of Department has reviewed your complaint; the decision is attached.',
    )
  )
    return;
  if (!status(s, t.last(), handler, 'resolved')) return;
  if (r.chance(0.6)) return;
  const body =
    draft.requester.affiliation === 'staff' ? 'The Registrar (grievance procedure)' : 'The Proctors';
  if (!stage(s, t.last() + r.exp(8 * DAY), handler, 'external')) return;
  referral(s, t.last(), handler, body);
}

/** Links the new case to case j (both ways) with the link events the createCase/escalate mutators record. */
function linkTo(
  s: Story,
  draft: Case,
  j: number,
  relation: 'escalates' | 'complains-about',
  extra: CaseEvent[],
) {
  const other = { id: demoCaseId(j), ref: refOf(s.plan, j) };
  const linked = s.t.add(s.t.last(), null, (ctx, kase) => {
    const { here, there } = linkEvents(ctx, kase, other, relation);
    extra.push(there);
    return [here];
  });
  if (linked) draft.originalTicketRef = other.ref;
}

/** A complaint about an escalation links to one raised in the three weeks before it, if any. */
function linkToEarlier(
  s: Story,
  draft: Case,
  i: number,
  kind: CaseKind,
  relation: 'complains-about',
  extra: CaseEvent[],
) {
  const at = receivedAt(s.plan, i);
  const lo = Math.max(0, caseAt(s.plan, at - 21 * DAY));
  const hi = caseAt(s.plan, at - DAY);
  for (let attempt = 0; attempt < 8 && hi >= lo; attempt++) {
    const j = lo + s.r.int(hi - lo + 1);
    if (kindOf(s.plan, j) === kind) {
      draft.intake = { ...draft.intake, 'related-ticket': refOf(s.plan, j) };
      linkTo(s, draft, j, relation, extra);
      return;
    }
  }
}
