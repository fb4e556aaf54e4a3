/**
 * SLA compliance for a period: met and breached per policy and per target, and every breach listed. It
 * reads the overdue board's compliance figures, so the report and the board never disagree.
 */
import { ESCALATION_LEVEL_NAMES } from '../domain/vocabulary';
import { formatInstant } from '../time';
import { type Board, cellKey, drillDownRows } from './board';
import { type BoardLabels, boardView, type ComplianceLine, kindName } from './board-view';
import { column, indexDirectory, ownerOf, type ReportModel, type ReportTable, toMs } from './model';

/** One deadline missed in the period: unmet, or met late. */
export interface Breach {
  caseId: string;
  ref: string;
  subject: string;
  kind: string;
  level: string;
  owner: string;
  policy: string;
  target: string;
  dueAt: Date;
  /** When it was met after all, or null while still owed. */
  metAt: Date | null;
  /** How late: to `metAt`, or to the report's now while still owed. */
  lateMs: number;
}

export interface ComplianceReport extends ReportModel {
  kind: 'compliance';
  all: ComplianceLine;
  policies: ComplianceLine[];
  targets: ComplianceLine[];
  /** Most overdue first. */
  breaches: Breach[];
}

/**
 * The compliance report of `board` (its period is the report's period). `generatedAt` is the report's now,
 * which also measures how late still-owed breaches are.
 */
export function complianceReport(
  board: Board,
  labels: BoardLabels,
  generatedAt: Date | string,
): ComplianceReport {
  const nowMs = toMs(generatedAt);
  const view = boardView(board, labels);
  const directory = indexDirectory(labels.directory);
  const fromMs = toMs(board.period.from);
  const toMsExclusive = toMs(board.period.to);
  const breaches: Breach[] = [];
  // A report listing any confidential case is marked so on every page (as the complaints register is).
  let confidential = false;
  for (const line of view.compliance.targets) {
    const targetId = line.value.slice(line.value.lastIndexOf('/') + 1);
    for (const row of drillDownRows(board, cellKey('breached', 'target', line.value))) {
      const clock = row.clocks.find(
        (c) =>
          c.targetId === targetId &&
          c.state === 'breached' &&
          c.dueAt !== null &&
          c.dueAt.getTime() >= fromMs &&
          c.dueAt.getTime() < toMsExclusive,
      )!;
      const dueAt = clock.dueAt!;
      if (row.confidential) confidential = true;
      breaches.push({
        caseId: row.id,
        ref: row.ref,
        subject: row.subject,
        kind: kindName(row.kind),
        level: ESCALATION_LEVEL_NAMES[row.escalationLevel],
        owner: directory.personName(ownerOf(row)),
        policy: view.compliance.policies.find((p) => p.value === row.policyId)?.label ?? row.policyId,
        target: line.label,
        dueAt,
        metAt: clock.metAt,
        lateMs: (clock.metAt?.getTime() ?? nowMs) - dueAt.getTime(),
      });
    }
  }
  breaches.sort((a, b) => b.lateMs - a.lateMs || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));

  const lineColumns = (header: string) => [
    column<ComplianceLine>('name', header, 'text', (l) => l.label),
    column<ComplianceLine>('met', 'Met', 'integer', (l) => l.met.count),
    column<ComplianceLine>('breached', 'Breached', 'integer', (l) => l.breached.count),
    column<ComplianceLine>('compliance', 'Compliance', 'percent', (l) => l.compliance),
  ];
  const breachTable: ReportTable<Breach> = {
    id: 'breaches',
    title: 'Breached deadlines',
    columns: [
      column<Breach>('ref', 'Ref', 'text', (b) => b.ref),
      column<Breach>('subject', 'Subject', 'text', (b) => b.subject),
      column<Breach>('target', 'Target', 'text', (b) => b.target),
      column<Breach>('owner', 'Owner', 'text', (b) => b.owner),
      column<Breach>('level', 'Level', 'text', (b) => b.level),
      column<Breach>('due', 'Deadline', 'instant', (b) => b.dueAt),
      column<Breach>('met', 'Met at', 'instant', (b) => b.metAt),
      column<Breach>('late', 'Late by', 'text', (b) => formatLateness(b.lateMs)),
    ],
    rows: breaches,
  };
  return {
    kind: 'compliance',
    title: 'SLA compliance',
    generatedAt: formatInstant(nowMs),
    period: board.period,
    confidential,
    timeZone: board.timeZone,
    sections: [
      {
        id: 'by-policy',
        title: 'By policy',
        note: 'Cases with a deadline decided in the period: breached if any was missed, else met.',
        table: {
          id: 'by-policy',
          title: 'By policy',
          columns: lineColumns('Policy'),
          rows: [view.compliance.all, ...view.compliance.policies],
        },
      },
      {
        id: 'by-target',
        title: 'By target',
        note: 'Each deadline met or breached in the period (a late answer is a breach).',
        table: {
          id: 'by-target',
          title: 'By target',
          columns: lineColumns('Policy: target'),
          rows: view.compliance.targets,
        },
      },
      { id: 'breaches', title: 'Breached deadlines', table: breachTable },
    ],
    all: view.compliance.all,
    policies: view.compliance.policies,
    targets: view.compliance.targets,
    breaches,
  };
}

/** "3 d 4 h", "5 h 20 min", "12 min": how late, to the minute. */
export function formatLateness(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${rest} min`;
  return `${rest} min`;
}
