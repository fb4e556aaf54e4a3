/**
 * The fortnightly outstanding-cases report: every open case, grouped by the division and line manager of
 * its owner (so each group goes to the person who can act on it), with a summary of counts per group and
 * escalation level.
 */
import type { Case } from '../domain/case';
import { ESCALATION_LEVEL_NAMES, ESCALATION_LEVELS, isOpenStatus } from '../domain/vocabulary';
import { formatInstant, instantMs } from '../time';
import { type AgeCounting, ageUnitWords, daysOpen, daysOpenHeading, ELAPSED_DAYS } from './age';
import { kindName } from './board-view';
import {
  column,
  DEFAULT_REPORT_TIME_ZONE,
  type Directory,
  indexDirectory,
  normalizePeriod,
  ownerOf,
  type ReportModel,
  type ReportPeriod,
  type ReportTable,
  toMs,
} from './model';

export interface OutstandingCase {
  id: string;
  /** Only some people may see it (shared/access): the report is then marked confidential on every page. */
  confidential?: boolean;
  ref: string;
  subject: string;
  kind: string;
  status: string;
  level: 0 | 1 | 2;
  owner: string;
  team: string;
  receivedAt: string;
  /** Whole days open, counted as the ladder counts them (`OutstandingOptions.age`). */
  ageDays: number;
  /** The earliest deadline still owed (past: overdue), from the case's SLA summary. */
  nextDeadline: string | null;
  overdue: boolean;
  /** The case row's last change. */
  lastUpdate: string;
  division: string;
  lineManager: string;
}

export interface OutstandingGroup {
  /** `unassigned`, or `${division}/${lineManagerId}` with empty parts for missing ones. */
  key: string;
  label: string;
  division: string | null;
  lineManagerId: string | null;
  lineManager: string | null;
  /** Oldest and highest level first. */
  cases: OutstandingCase[];
  byLevel: Record<0 | 1 | 2, number>;
  overdue: number;
}

export interface OutstandingSummaryLine {
  group: string;
  levels: Record<0 | 1 | 2, number>;
  overdue: number;
  total: number;
  oldestDays: number;
}

export interface OutstandingReport extends ReportModel {
  kind: 'outstanding';
  groups: OutstandingGroup[];
  /** One line per group, then the total line. */
  summary: OutstandingSummaryLine[];
  total: OutstandingSummaryLine;
  /** Every case in one table with its group columns (the CSV export). */
  allCases: ReportTable<OutstandingCase>;
  /** The unit ages are counted in, in words ("working days"). */
  ageUnit: string;
}

export interface OutstandingOptions {
  directory: Directory;
  /** The instant the report is "as at": ages are counted to it. */
  now: Date | string;
  /** The fortnight the report covers, when it is the scheduled one. */
  period?: { from: Date | string; to: Date | string } | null;
  timeZone?: string;
  /** How "days open" is counted: the query ladder's unit on the desk calendar. Default elapsed days. */
  age?: AgeCounting;
}

export const UNASSIGNED_GROUP = 'unassigned';

/** `cases` are the desk's case rows (finished ones are left out), with their stored SLA summaries. */
export function outstandingReport(cases: Iterable<Case>, options: OutstandingOptions): OutstandingReport {
  const age = options.age ?? ELAPSED_DAYS;
  return outstandingModel(outstandingGroups(cases, options), {
    generatedAt: formatInstant(toMs(options.now)),
    period: options.period ? normalizePeriod(options.period) : null,
    timeZone: options.timeZone ?? DEFAULT_REPORT_TIME_ZONE,
    ageUnit: ageUnitWords(age),
  });
}

/** The open cases in their groups, each group's cases highest level first, then oldest. */
export function outstandingGroups(cases: Iterable<Case>, options: OutstandingOptions): OutstandingGroup[] {
  const nowMs = toMs(options.now);
  const age = options.age ?? ELAPSED_DAYS;
  const directory = indexDirectory(options.directory);
  const groups = new Map<string, OutstandingGroup>();

  for (const kase of cases) {
    if (!isOpenStatus(kase.status)) continue;
    const ownerId = ownerOf(kase);
    const owner = directory.person(ownerId);
    const division = owner?.division ?? null;
    const lineManagerId = owner?.lineManagerId ?? null;
    const key = ownerId === null ? UNASSIGNED_GROUP : `${division ?? ''}/${lineManagerId ?? ''}`;
    let group = groups.get(key);
    if (group === undefined) {
      const lineManager = lineManagerId === null ? null : directory.personName(lineManagerId);
      group = {
        key,
        label:
          key === UNASSIGNED_GROUP
            ? 'Unassigned'
            : `${division ?? 'No division'} — line manager: ${lineManager ?? 'none'}`,
        division,
        lineManagerId,
        lineManager,
        cases: [],
        byLevel: { 0: 0, 1: 0, 2: 0 },
        overdue: 0,
      };
      groups.set(key, group);
    }
    const dueAt = kase.sla?.dueAt ?? null;
    const overdue = kase.sla?.state === 'breached';
    group.cases.push({
      id: kase.id,
      ref: kase.ref,
      subject: kase.subject,
      kind: kindName(kase.kind),
      status: kase.status,
      level: kase.escalationLevel,
      owner: directory.personName(ownerId),
      team: directory.teamName(kase.teamId),
      receivedAt: kase.receivedAt,
      ageDays: daysOpen(age, instantMs(kase.receivedAt), nowMs),
      nextDeadline: dueAt,
      overdue,
      lastUpdate: kase.updatedAt,
      ...(kase.confidential ? { confidential: true } : {}),
      division: division ?? '',
      lineManager: group.lineManager ?? '',
    });
    group.byLevel[kase.escalationLevel]++;
    if (overdue) group.overdue++;
  }

  const sorted = [...groups.values()].sort(compareGroups);
  for (const group of sorted) group.cases.sort(compareCases);
  return sorted;
}

/** What a report of groups says about itself: when it stood, for which period, in which zone and unit. */
export interface OutstandingHeader {
  generatedAt: string;
  period: ReportPeriod | null;
  timeZone: string;
  /** "working days" or "days". */
  ageUnit: string;
  /** For a part of the report sent to one person ("Outstanding cases: your teams"). */
  title?: string;
  /** Only the summary, without each group's cases (a director's overview). */
  summaryOnly?: boolean;
}

/**
 * The report of these groups (already sorted): the summary, a section per group, every case in one table.
 * Plain data in and out, so a stored run is shown again as it stood.
 */
export function outstandingModel(
  groups: readonly OutstandingGroup[],
  header: OutstandingHeader,
): OutstandingReport {
  const sorted = [...groups];
  const summary = sorted.map(summaryLine);
  const total: OutstandingSummaryLine = {
    group: 'All open cases',
    levels: { 0: 0, 1: 0, 2: 0 },
    overdue: 0,
    total: 0,
    oldestDays: 0,
  };
  for (const line of summary) {
    for (const level of ESCALATION_LEVELS) total.levels[level] += line.levels[level];
    total.overdue += line.overdue;
    total.total += line.total;
    total.oldestDays = Math.max(total.oldestDays, line.oldestDays);
  }
  const { ageUnit } = header;
  const caseColumns = [
    column<OutstandingCase>('ref', 'Ref', 'text', (c) => c.ref),
    column<OutstandingCase>('subject', 'Subject', 'text', (c) => c.subject),
    column<OutstandingCase>('kind', 'Kind', 'text', (c) => c.kind),
    column<OutstandingCase>('level', 'Level', 'text', (c) => ESCALATION_LEVEL_NAMES[c.level]),
    column<OutstandingCase>('age', daysOpenHeading(ageUnit), 'integer', (c) => c.ageDays),
    column<OutstandingCase>('owner', 'Owner', 'text', (c) => c.owner),
    column<OutstandingCase>('next-deadline', 'Next deadline', 'instant', (c) => c.nextDeadline),
    column<OutstandingCase>('overdue', 'Overdue', 'flag', (c) => c.overdue),
    column<OutstandingCase>('last-update', 'Last update', 'instant', (c) => c.lastUpdate),
  ];
  const summaryTable: ReportTable<OutstandingSummaryLine> = {
    id: 'summary',
    title: 'Summary',
    columns: [
      column<OutstandingSummaryLine>('group', 'Division / line manager', 'text', (l) => l.group),
      ...ESCALATION_LEVELS.map((level) =>
        column<OutstandingSummaryLine>(
          `level-${level}`,
          ESCALATION_LEVEL_NAMES[level],
          'integer',
          (l) => l.levels[level],
        ),
      ),
      column<OutstandingSummaryLine>('overdue', 'Overdue', 'integer', (l) => l.overdue),
      column<OutstandingSummaryLine>('total', 'Total', 'integer', (l) => l.total),
      column<OutstandingSummaryLine>('oldest', `Oldest (${ageUnit})`, 'integer', (l) => l.oldestDays),
    ],
    rows: [...summary, total],
  };
  return {
    kind: 'outstanding',
    title: header.title ?? 'Outstanding cases',
    generatedAt: header.generatedAt,
    period: header.period,
    // Any confidential case listed marks the whole report, as the complaints register is.
    confidential: sorted.some((group) => group.cases.some((c) => c.confidential === true)),
    timeZone: header.timeZone,
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        note: `Open cases per group and escalation level; ages in ${ageUnit}.`,
        table: summaryTable,
      },
      ...(header.summaryOnly
        ? []
        : sorted.map((group) => ({
            id: `group-${group.key}`,
            title: group.label,
            table: { id: `group-${group.key}`, title: group.label, columns: caseColumns, rows: group.cases },
          }))),
    ],
    groups: sorted,
    summary,
    total,
    allCases: {
      id: 'outstanding-cases',
      title: 'Outstanding cases',
      columns: [
        column<OutstandingCase>('division', 'Division', 'text', (c) => c.division),
        column<OutstandingCase>('line-manager', 'Line manager', 'text', (c) => c.lineManager),
        ...caseColumns,
      ],
      rows: sorted.flatMap((g) => g.cases),
    },
    ageUnit,
  };
}

function summaryLine(group: OutstandingGroup): OutstandingSummaryLine {
  return {
    group: group.label,
    levels: { ...group.byLevel },
    overdue: group.overdue,
    total: group.cases.length,
    oldestDays: group.cases.reduce((max, c) => Math.max(max, c.ageDays), 0),
  };
}

/** Unassigned first (nobody is acting on them), then by division and line manager, missing ones last. */
function compareGroups(a: OutstandingGroup, b: OutstandingGroup): number {
  if (a.key === UNASSIGNED_GROUP || b.key === UNASSIGNED_GROUP) {
    return a.key === b.key ? 0 : a.key === UNASSIGNED_GROUP ? -1 : 1;
  }
  return compareMissingLast(a.division, b.division) || compareMissingLast(a.lineManager, b.lineManager);
}

function compareMissingLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

/** Highest level first, then oldest, then by reference. */
function compareCases(a: OutstandingCase, b: OutstandingCase): number {
  return (
    b.level - a.level ||
    instantMs(a.receivedAt) - instantMs(b.receivedAt) ||
    (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  );
}
