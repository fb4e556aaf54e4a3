/**
 * Automatic acknowledgements: the policy's template, filled in for a new case and queued for the mail channel
 * with the `reply-sent` event it carries out (so it meets the acknowledgement deadline as an agent's reply does).
 * Never to automatic mail, never to the desk's own address, at most one per sender per case per day.
 */

import { computeCaseSla } from '../case-sla';
import type { Case, CaseEvent } from '../domain';
import { greeting } from '../domain/names';
import type { Policy, UrgentContact } from '../policies';
import { fillUrgentContact } from '../policies/intake-rules';
import { type CalendarSpec, type CompiledCalendar, compileCalendar } from '../sla';
import { eventBase, type MutationRows, record } from '../sync/define';
import type { MutationContext } from '../sync/mutation';
import type { OutboundMessage, RowChange } from '../sync/rows';
import { formatInZone } from '../time';

/**
 * The calendars a mutation that may acknowledge asks for, so deadlines read as dates. The policy is not known
 * before the mutation runs, so these are the ids the desk's calendars are stored under (the presets').
 */
export const ACKNOWLEDGEMENT_CALENDAR_IDS: readonly string[] = ['uk-england-and-wales'];

/** One acknowledgement per case, sender and day (UTC): the loop guard against robots that answer robots. */
export function acknowledgementMessageId(caseId: string, sender: string, day: string): string {
  return `ack-${caseId}-${sender.toLowerCase()}-${day.slice(0, 10)}`;
}

/**
 * One acknowledgement per case and occasion when the case moves onto an acknowledging policy or stage
 * (`kind-complaint`, `stage-formal`).
 */
export function occasionAcknowledgementMessageId(caseId: string, occasion: string): string {
  return `ack-${caseId}-${occasion}`;
}

/** The outbound message ids an acknowledging mutation reads first (an id found means "already acknowledged"). */
export function acknowledgementReads(
  caseId: string,
  sender: string | null,
  day: string | null,
  occasion?: string,
): string[] {
  const ids: string[] = [];
  if (sender !== null && day !== null) ids.push(acknowledgementMessageId(caseId, sender, day));
  if (occasion !== undefined) ids.push(occasionAcknowledgementMessageId(caseId, occasion));
  return ids;
}

export interface AcknowledgeOptions {
  /** The address the case's first mail came from (else the requester's email). */
  sender?: string | null;
  /** The desk's own address: never acknowledged. */
  deskAddress?: string | null;
  /** Which day the loop guard counts (default: now). */
  day?: string;
  /** The thread the acknowledgement answers. */
  inReplyTo?: string | null;
  references?: readonly string[];
  /** The case moved onto the policy or stage (`kind-complaint`, `stage-formal`) rather than being opened so. */
  occasion?: string;
}

/**
 * `changes` (which put `kase` as it now is) plus, when the policy acknowledges automatically, the
 * acknowledgement's outbound message and `reply-sent` event (the case's earlier put replaced by the new one).
 */
export function acknowledgeNewCase(
  rows: MutationRows,
  changes: RowChange[],
  kase: Case,
  policy: Policy,
  ctx: MutationContext,
  options: AcknowledgeOptions = {},
): RowChange[] {
  const template = policy.acknowledgement;
  if (template === undefined || !template.auto) return changes;
  if (template.stages !== undefined && (kase.stage === null || !template.stages.includes(kase.stage))) {
    return changes;
  }
  // A policy that needs an owner before the requester hears back is acknowledged by hand once one is named.
  if (policy.ownership.required && kase.ownerId === null) return changes;
  const to = (options.sender ?? kase.requester.email ?? '').trim().toLowerCase();
  if (to === '' || to === options.deskAddress?.trim().toLowerCase()) return changes;
  const id =
    options.occasion !== undefined
      ? occasionAcknowledgementMessageId(kase.id, options.occasion)
      : acknowledgementMessageId(kase.id, to, options.day ?? ctx.now);
  if (rows.outboundMessages?.some((m) => m.id === id)) return changes;

  const eventId = `${id}-reply`;
  const messageId = `<${id.replace(/[^A-Za-z0-9-]+/g, '.')}@desk.local>`;
  const reply: CaseEvent = {
    ...eventBase(ctx, kase.id, eventId),
    actorId: null,
    type: 'reply-sent',
    purpose: 'acknowledgement',
    channel: 'email',
    messageId,
    outboundMessageId: id,
  };
  // Deadlines as the case stands once acknowledged: the acknowledgement itself starts an update cadence.
  const history = [...caseEvents(rows, changes, kase.id), reply];
  const calendar = calendarFor(rows, kase, policy);
  const deadlines =
    calendar === null ? new Map<string, Date>() : clockDeadlines(kase, history, policy, calendar, ctx.now);
  const ownerName =
    kase.ownerId === null ? null : (rows.people.find((p) => p.id === kase.ownerId)?.name ?? null);
  const fill = (text: string) =>
    renderAcknowledgement(text, {
      reference: kase.ref,
      requesterName: kase.requester.name,
      ownerName,
      policyName: policy.name,
      urgentContact: policy.intake.urgentContact,
      deadlines,
      timeZone: calendar?.spec.timeZone ?? 'Europe/London',
    });
  const body = fill(template.body);
  const subject = `[${kase.ref}] ${fill(template.subject)}`.slice(0, 300);
  const recorded = record(kase, [{ ...reply, summary: body }]);
  const message: OutboundMessage = {
    id,
    caseId: kase.id,
    eventId,
    messageId,
    to,
    subject,
    body,
    status: 'queued',
    createdAt: ctx.now,
    inReplyTo: options.inReplyTo ?? null,
    references: [...(options.references ?? [])],
    autoSubmitted: 'auto-replied',
    purpose: 'acknowledgement',
    attempts: 0,
  };
  // The case's put keeps its place (callers and tests read the opened case first); the new rows follow.
  const [casePut, ...added] = recorded.changes;
  let replaced = false;
  const next = changes.map((c) => {
    if (c.op !== 'put' || c.table !== 'cases' || c.row.id !== kase.id || casePut === undefined) return c;
    replaced = true;
    return casePut;
  });
  if (!replaced && casePut !== undefined) next.push(casePut);
  return [...next, ...added, { op: 'put', table: 'outboundMessages', row: message }];
}

/** The case's events: those in the rows and those the mutation is writing. */
function caseEvents(rows: MutationRows, changes: readonly RowChange[], caseId: string): CaseEvent[] {
  const byId = new Map<string, CaseEvent>();
  for (const event of rows.events) if (event.caseId === caseId) byId.set(event.id, event);
  for (const change of changes)
    if (change.op === 'put' && change.table === 'events' && change.row.caseId === caseId)
      byId.set(change.row.id, change.row);
  return [...byId.values()];
}

const compiledCalendars = new Map<string, CompiledCalendar>();

function calendarFor(rows: MutationRows, kase: Case, policy: Policy): CompiledCalendar | null {
  const specs: readonly CalendarSpec[] = rows.rowsById?.calendars ?? [];
  const spec = specs.find((c) => c.id === kase.calendarId) ?? specs.find((c) => c.id === policy.calendarId);
  if (spec === undefined) return null;
  const key = JSON.stringify(spec);
  let compiled = compiledCalendars.get(key);
  if (compiled === undefined) {
    compiled = compileCalendar(spec);
    compiledCalendars.set(key, compiled);
  }
  return compiled;
}

/** Each owed clock's deadline, by target id. */
function clockDeadlines(
  kase: Case,
  events: readonly CaseEvent[],
  policy: Policy,
  calendar: CompiledCalendar,
  now: string,
): Map<string, Date> {
  const sla = computeCaseSla(kase, events, policy, calendar, new Date(now));
  const deadlines = new Map<string, Date>();
  for (const clock of sla.clocks) if (clock.dueAt !== null) deadlines.set(clock.targetId, clock.dueAt);
  return deadlines;
}

export interface AcknowledgementValues {
  reference: string;
  requesterName: string;
  ownerName: string | null;
  policyName: string;
  /** The policy's urgent routes, for {urgentPhone} and {urgentChat}. */
  urgentContact?: UrgentContact | undefined;
  /** Deadlines by target id. */
  deadlines: ReadonlyMap<string, Date>;
  /** The desk calendar's zone: a deadline is the date there. */
  timeZone: string;
}

/**
 * Fills a template: {greeting} ("Dear Dr O'Neill-Ní Bhriain,"), {reference}, {requesterName}, {ownerName},
 * {urgentPhone}, {urgentChat}, {deadline:<target id>} ("Monday 9 March", in the desk calendar's zone). A deadline
 * the case doesn't have yet reads as the policy's promise, never a blank.
 */
export function renderAcknowledgement(template: string, values: AcknowledgementValues): string {
  return fillUrgentContact(template, values.urgentContact).replace(
    /\{(greeting|reference|requesterName|ownerName|deadline:([a-z0-9-]+))\}/g,
    (_, name, target) => {
      if (name === 'greeting') return greeting(values.requesterName);
      if (name === 'reference') return values.reference;
      if (name === 'requesterName') return values.requesterName.trim() || 'there';
      if (name === 'ownerName') return values.ownerName ?? 'a member of our team';
      const due = values.deadlines.get(target);
      return due === undefined
        ? `the date our ${values.policyName.toLowerCase()} policy sets`
        : formatDeadline(due, values.timeZone);
    },
  );
}

/** "Monday 9 March", the date in the desk's zone. */
export function formatDeadline(at: Date, timeZone: string): string {
  return formatInZone(at, timeZone, 'longDay');
}

/**
 * The earliest deadline the case still owes (its queue urgency), or null when it has none or the calendar is not
 * among the rows. For notices that may carry only the reference and the deadline.
 */
export function caseDeadline(
  rows: MutationRows,
  kase: Case,
  policy: Policy,
  events: readonly CaseEvent[],
  now: string,
): Date | null {
  const calendar = calendarFor(rows, kase, policy);
  if (calendar === null) return null;
  return computeCaseSla(kase, events, policy, calendar, new Date(now)).dueAt;
}

/** The desk calendar's zone for a case (Europe/London when its calendar is not among the rows). */
export function caseTimeZone(rows: MutationRows, kase: Case, policy: Policy): string {
  return calendarFor(rows, kase, policy)?.spec.timeZone ?? 'Europe/London';
}
