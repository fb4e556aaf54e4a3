/**
 * Case evidence for a complaint response: one case's details, its whole timeline, and every SLA clock
 * with the explanation of its deadline (what counted, what was paused, which nights, weekends and
 * holidays were skipped), as the clock engine computes it.
 */
import type { CaseEvent } from '../domain/events';
import { ESCALATION_LEVEL_NAMES } from '../domain/vocabulary';
import { type ClockExplanation, type ClockSpan, describeDuration, explainClock, type SlaClock } from '../sla';
import { fileSizeText } from '../sync/correspondence';
import { formatInstant, instantMs } from '../time';
import { kindName } from './board-view';
import type { CaseHistory } from './history';
import {
  column,
  DEFAULT_REPORT_TIME_ZONE,
  type Directory,
  type DirectoryIndex,
  formatLocalInstant,
  indexDirectory,
  type ReportModel,
  type ReportSection,
} from './model';

export interface TimelineEntry {
  at: string;
  what: string;
  who: string;
  details: string;
}

export interface ClockEvidence {
  clock: SlaClock;
  name: string;
  /** The target's promise, e.g. "20 working days". */
  promise: string;
  /** Null for a clock that has not started. */
  explanation: ClockExplanation | null;
}

export interface EvidenceReport extends ReportModel {
  kind: 'evidence';
  caseId: string;
  timeline: TimelineEntry[];
  /** The files the case holds, listed in the report (their bytes stay in the store). */
  attachments: AttachmentEntry[];
  clocks: ClockEvidence[];
}

export interface EvidenceOptions {
  directory: Directory;
  now: Date | string;
  timeZone?: string;
}

export function evidenceReport(history: CaseHistory, options: EvidenceOptions): EvidenceReport {
  const kase = history.case;
  const now = typeof options.now === 'string' ? new Date(instantMs(options.now)) : options.now;
  const directory = indexDirectory(options.directory);
  const nowMs = now.getTime();
  const timeline = history.events
    .filter((e) => instantMs(e.at) <= nowMs)
    .map((e, i) => ({ e, i, at: instantMs(e.at) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ e }) => describeEvent(e, directory));

  const attachments = caseAttachments(history.events.filter((e) => instantMs(e.at) <= nowMs));
  const { policy, calendar } = history;
  const clocks: ClockEvidence[] = (history.sla?.clocks ?? []).map((clock) => {
    const target = policy?.targets.find((t) => t.id === clock.targetId);
    return {
      clock,
      name: target?.name ?? clock.targetId,
      promise: target === undefined ? '' : describeDuration(target.duration),
      explanation:
        policy === null || calendar === null
          ? null
          : explainClock(kase, history.events, policy, calendar, clock.targetId, now),
    };
  });

  const timeZone = options.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
  const when = (at: string | null) => (at === null ? '' : formatLocalInstant(at, timeZone));
  const details: { field: string; value: string }[] = [
    { field: 'Reference', value: kase.ref },
    { field: 'Subject', value: kase.subject },
    { field: 'Kind', value: kindName(kase.kind) },
    { field: 'Policy', value: policy?.name ?? kase.policyId },
    { field: 'Status', value: kase.status },
    {
      field: 'Stage',
      value: kase.stage === null ? '' : (policy?.stages.find((s) => s.id === kase.stage)?.name ?? kase.stage),
    },
    { field: 'Escalation level', value: ESCALATION_LEVEL_NAMES[kase.escalationLevel] },
    { field: 'Requester', value: kase.requester.name },
    { field: 'Owner', value: directory.personName(kase.ownerId) },
    { field: 'Team', value: directory.teamName(kase.teamId) },
    { field: 'Received', value: when(kase.receivedAt) },
    { field: 'Resolved', value: when(kase.resolvedAt) },
    { field: 'Original ticket', value: kase.originalTicketRef ?? '' },
    { field: 'External referral', value: kase.externalReferral?.body ?? '' },
  ];

  const sections: ReportSection[] = [
    {
      id: 'case',
      title: 'Case',
      table: {
        id: 'case',
        title: 'Case',
        columns: [
          column<(typeof details)[number]>('field', 'Field', 'text', (d) => d.field),
          column<(typeof details)[number]>('value', 'Value', 'text', (d) => d.value),
        ],
        rows: details,
      },
    },
    {
      id: 'timeline',
      title: 'Timeline',
      table: {
        id: 'timeline',
        title: 'Timeline',
        columns: [
          column<TimelineEntry>('at', 'When', 'instant', (t) => t.at),
          column<TimelineEntry>('what', 'What', 'text', (t) => t.what),
          column<TimelineEntry>('who', 'Who', 'text', (t) => t.who),
          column<TimelineEntry>('details', 'Details', 'text', (t) => t.details),
        ],
        rows: timeline,
      },
    },
    {
      id: 'attachments',
      title: 'Attachments',
      ...(attachments.length === 0 ? { note: 'No files are attached to this case.' } : {}),
      table: {
        id: 'attachments',
        title: 'Attachments',
        columns: [
          column<AttachmentEntry>('at', 'When', 'instant', (a) => a.at),
          column<AttachmentEntry>('file', 'File', 'text', (a) => a.filename),
          column<AttachmentEntry>('source', 'From', 'text', (a) => a.source),
          column<AttachmentEntry>('type', 'Type', 'text', (a) => a.contentType),
          column<AttachmentEntry>('size', 'Size', 'text', (a) => fileSizeText(a.size)),
        ],
        rows: attachments,
      },
    },
    {
      id: 'clocks',
      title: 'Deadlines',
      table: {
        id: 'clocks',
        title: 'Deadlines',
        columns: [
          column<ClockEvidence>('target', 'Target', 'text', (c) => c.name),
          column<ClockEvidence>('promise', 'Promise', 'text', (c) => c.promise),
          column<ClockEvidence>('state', 'State', 'text', (c) => clockStateText(c.clock)),
          column<ClockEvidence>('started', 'Started', 'instant', (c) => c.clock.startedAt),
          column<ClockEvidence>('due', 'Deadline', 'instant', (c) => c.clock.dueAt),
          column<ClockEvidence>('met', 'Met', 'instant', (c) => c.clock.metAt),
          column<ClockEvidence>('paused', 'Paused for', 'text', (c) =>
            c.clock.pausedMs > 0 ? minutesText(c.clock.pausedMs / 60_000) : '',
          ),
        ],
        rows: clocks,
      },
    },
    ...clocks
      .filter((c) => c.explanation !== null)
      .map(
        (c): ReportSection => ({
          id: `clock-${c.clock.targetId}`,
          title: `${c.name}: how the deadline was worked out`,
          note: `${c.promise}; ${minutesText(c.explanation!.countedMinutes)} counted${
            c.clock.metAt === null ? ' so far' : ''
          }. Spans after the report time are projected.`,
          table: {
            id: `clock-${c.clock.targetId}`,
            title: c.name,
            columns: [
              column<ClockSpan>('from', 'From', 'instant', (s) => s.start),
              column<ClockSpan>('to', 'To', 'instant', (s) => s.end),
              column<ClockSpan>(
                'kind',
                'Time',
                'text',
                (s) => SPAN_TEXT[s.kind] + (s.label ? `: ${s.label}` : ''),
              ),
              column<ClockSpan>('projected', 'Projected', 'flag', (s) => s.projected),
            ],
            rows: c.explanation!.spans,
          },
        }),
      ),
  ];

  return {
    kind: 'evidence',
    title: `Case evidence: ${kase.ref}`,
    generatedAt: formatInstant(nowMs),
    period: null,
    confidential: kase.confidential,
    timeZone,
    sections,
    caseId: kase.id,
    timeline,
    attachments,
    clocks,
  };
}

const SPAN_TEXT: Readonly<Record<ClockSpan['kind'], string>> = {
  counted: 'Counted',
  paused: 'Paused (waiting on the requester)',
  night: 'Outside working hours',
  weekend: 'Weekend',
  holiday: 'Holiday',
  closure: 'Closure',
};

function clockStateText(clock: SlaClock): string {
  if (clock.state === 'breached') return clock.metAt === null ? 'Breached' : 'Met late';
  return CLOCK_STATES[clock.state];
}

const CLOCK_STATES: Readonly<Record<SlaClock['state'], string>> = {
  pending: 'Not started',
  running: 'Running',
  'at-risk': 'At risk',
  paused: 'Paused',
  met: 'Met',
  breached: 'Breached',
  open: 'Window open',
  used: 'Window used',
  closed: 'Window closed',
};

function minutesText(minutes: number): string {
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return hours === 0 ? `${rest} min` : rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** One line of the timeline in the desk's words. */
export function describeEvent(event: CaseEvent, directory: DirectoryIndex): TimelineEntry {
  const who = event.actorId === null ? 'Requester or system' : directory.personName(event.actorId);
  const entry = (what: string, details = ''): TimelineEntry => ({ at: event.at, what, who, details });
  switch (event.type) {
    case 'created':
      return entry('Case logged', `${kindName(event.kind)}, ${event.priority} priority`);
    case 'status-changed':
      return entry(`Status: ${event.from} → ${event.to}`, event.reason ?? '');
    case 'priority-changed':
      return entry(`Priority: ${event.from} → ${event.to}`);
    case 'assigned':
      return entry(
        'Assigned',
        [
          event.assigneeId === null ? 'unassigned' : directory.personName(event.assigneeId),
          event.teamId ? directory.teamName(event.teamId) : '',
        ]
          .filter(Boolean)
          .join(', '),
      );
    case 'owner-set':
      return entry('Owner', event.ownerId === null ? 'none' : directory.personName(event.ownerId));
    case 'stage-changed':
      return entry(`Stage: ${event.from ?? 'none'} → ${event.to}`);
    case 'reply-sent':
      return entry(`Reply to requester (${event.purpose}, ${event.channel})`, event.summary ?? '');
    case 'customer-contact':
      return entry(`Requester contact (${event.channel})`, event.summary ?? '');
    case 'note':
      return entry('Note', event.text);
    case 'escalated':
      return entry(
        `Escalated: ${ESCALATION_LEVEL_NAMES[event.fromLevel]} → ${ESCALATION_LEVEL_NAMES[event.toLevel]}`,
        event.reason ?? (event.stepId ? `ladder step ${event.stepId}` : ''),
      );
    case 'prompted':
      return entry(
        `Prompt: ${event.ruleId}`,
        [`told ${event.notified.join(', ')}`, event.message ?? ''].join(' ').trim(),
      );
    case 'confidential-set':
      return entry(event.confidential ? 'Marked confidential' : 'Confidentiality lifted', event.reason ?? '');
    case 'linked':
      return entry(`Linked (${event.relation})`, event.ticketRef ?? event.otherCaseId);
    case 'referred-externally':
      return entry(
        'Referred externally',
        `${event.body}${event.reference ? ` (ref ${event.reference})` : ''}`,
      );
    case 'mail-received':
      return entry(`Automatic mail (${event.mail.kind})`, event.summary ?? event.mail.subject);
    case 'delivery-failed':
      return entry('The requester did not get our reply', event.diagnostic ?? '');
    case 'kind-changed':
      return entry(`Moved: ${kindName(event.from)} → ${kindName(event.to)}`);
    case 'correspondence-attached':
      return entry('Correspondence attached', event.filename);
  }
}

export interface AttachmentEntry {
  at: string;
  filename: string;
  /** "Correspondence", or the mail it came with. */
  source: string;
  contentType: string;
  size: number;
}

/** Every file the case holds: correspondence attached by the desk, and the attachments of mail in and out. */
export function caseAttachments(events: readonly CaseEvent[]): AttachmentEntry[] {
  return events.flatMap((event): AttachmentEntry[] => {
    if (event.type === 'correspondence-attached') {
      return [
        {
          at: event.at,
          filename: event.filename,
          source: 'Correspondence',
          contentType: event.contentType,
          size: event.size,
        },
      ];
    }
    const mail =
      event.type === 'customer-contact' || event.type === 'reply-sent' || event.type === 'mail-received'
        ? event.mail
        : undefined;
    return (mail?.attachments ?? []).map((a) => ({
      at: event.at,
      filename: a.filename ?? '(no name)',
      source: `Mail: ${mail?.subject ?? ''}`.trim(),
      contentType: a.contentType,
      size: a.size,
    }));
  });
}
