/**
 * The board as people read it: labelled figures in the order a manager scans them, each with the cell key
 * its drill-down opens, and the board's lists as report tables (for the print view and CSV).
 */

import { CASE_KINDS, ESCALATION_LEVEL_NAMES, ESCALATION_LEVELS } from '../domain/vocabulary';
import type { Policy } from '../policies/schema';
import { instantMs } from '../time';
import { ageUnitWords, daysOpenHeading } from './age';
import {
  AGE_BUCKETS,
  type Board,
  type BoardCase,
  type BoardMetric,
  cellKey,
  cellKeys,
  count,
  drillDownRows,
  parseCellKey,
  recentWeeks,
} from './board';
import {
  column,
  type Directory,
  type DirectoryIndex,
  indexDirectory,
  ownerOf,
  type ReportColumn,
  type ReportModel,
  type ReportPeriod,
  type ReportTable,
} from './model';

/** A number on the board and the key that drills down to its cases. */
export interface BoardFigure {
  key: string;
  count: number;
}

/** One owner, team, level, kind or policy: its overdue and at-risk open cases. */
export interface BoardLine {
  value: string;
  label: string;
  overdue: BoardFigure;
  atRisk: BoardFigure;
}

export interface ComplianceLine {
  value: string;
  label: string;
  met: BoardFigure;
  breached: BoardFigure;
  /** met / (met + breached), null when nothing was decided. */
  compliance: number | null;
}

export const BOARD_GROUPINGS = ['owner', 'team', 'level', 'kind', 'policy'] as const;
export type BoardGrouping = (typeof BOARD_GROUPINGS)[number];

export interface BoardView {
  now: string;
  period: ReportPeriod;
  timeZone: string;
  open: BoardFigure;
  overdue: BoardFigure;
  atRisk: BoardFigure;
  /** Lines with overdue or at-risk cases (every level and kind always), most overdue first. */
  by: Record<BoardGrouping, BoardLine[]>;
  age: { id: string; label: string; figure: BoardFigure }[];
  /** The heading of the ages ("Working days open"), and their unit in words ("working days"). */
  ageHeading: string;
  ageUnit: string;
  /** The last 12 weeks, oldest first: cases with a clock that breached that week (Monday to Sunday). */
  breachesByWeek: { weekStart: string; figure: BoardFigure }[];
  compliance: { all: ComplianceLine; policies: ComplianceLine[]; targets: ComplianceLine[] };
}

export interface BoardLabels {
  directory: Directory;
  /** For policy and target names (ids are shown for unknown ones). */
  policies?: readonly Pick<Policy, 'id' | 'name' | 'targets'>[];
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  query: 'Query',
  complaint: 'Complaint',
  escalation: 'Escalation',
  'formal-complaint': 'Formal complaint',
};

export function kindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}

export function boardView(board: Board, labels: BoardLabels): BoardView {
  const names = labelsOf(labels);
  const figure = (key: string): BoardFigure => ({ key, count: count(board, key) });
  const keys = cellKeys(board);
  const valuesOf = (metric: BoardMetric, dimension: string): Set<string> => {
    const values = new Set<string>();
    for (const key of keys) {
      const parts = parseCellKey(key);
      if (parts?.metric === metric && parts.dimension === dimension) values.add(parts.value);
    }
    return values;
  };

  const lines = (grouping: BoardGrouping, always: readonly string[]): BoardLine[] => {
    const values = new Set([...always, ...valuesOf('overdue', grouping), ...valuesOf('at-risk', grouping)]);
    const list = [...values].map((value) => ({
      value,
      label: names.label(grouping, value),
      overdue: figure(cellKey('overdue', grouping, value)),
      atRisk: figure(cellKey('at-risk', grouping, value)),
    }));
    // Levels read in ladder order; everything else most overdue first.
    return grouping === 'level'
      ? list.sort((a, b) => Number(a.value) - Number(b.value))
      : list.sort(
          (a, b) =>
            b.overdue.count - a.overdue.count ||
            b.atRisk.count - a.atRisk.count ||
            a.label.localeCompare(b.label),
        );
  };

  const compliance = (dimension: 'all' | 'policy' | 'target', value: string): ComplianceLine => {
    const met = figure(cellKey('met', dimension, value));
    const breached = figure(cellKey('breached', dimension, value));
    const decided = met.count + breached.count;
    return {
      value,
      label: dimension === 'all' ? 'All policies' : names.label(dimension, value),
      met,
      breached,
      compliance: decided === 0 ? null : met.count / decided,
    };
  };
  const complianceLines = (dimension: 'policy' | 'target'): ComplianceLine[] =>
    [...new Set([...valuesOf('met', dimension), ...valuesOf('breached', dimension)])]
      .sort()
      .map((value) => compliance(dimension, value));

  return {
    now: board.now,
    period: board.period,
    timeZone: board.timeZone,
    open: figure(cellKey('open', 'all')),
    overdue: figure(cellKey('overdue', 'all')),
    atRisk: figure(cellKey('at-risk', 'all')),
    by: {
      owner: lines('owner', []),
      team: lines('team', []),
      level: lines('level', ESCALATION_LEVELS.map(String)),
      kind: lines('kind', CASE_KINDS),
      policy: lines('policy', []),
    },
    age: AGE_BUCKETS.map((b) => ({ id: b.id, label: b.label, figure: figure(cellKey('open', 'age', b.id)) })),
    ageHeading: daysOpenHeading(ageUnitWords(board.age)),
    ageUnit: ageUnitWords(board.age),
    breachesByWeek: recentWeeks(board).map((weekStart) => ({
      weekStart,
      figure: figure(cellKey('breaches', 'week', weekStart)),
    })),
    compliance: {
      all: compliance('all', ''),
      policies: complianceLines('policy'),
      targets: complianceLines('target'),
    },
  };
}

/** The cases behind a figure as a report table (the drill-down list, its print view and CSV). */
export function drillDownTable(board: Board, key: string, labels: BoardLabels): ReportTable<BoardCase> {
  const names = labelsOf(labels);
  const parts = parseCellKey(key);
  const rows = drillDownRows(board, key).sort(
    (a, b) => b.escalationLevel - a.escalationLevel || instantMs(a.receivedAt) - instantMs(b.receivedAt),
  );
  return {
    id: key,
    title: parts === null ? key : names.describe(parts.metric, parts.dimension, parts.value),
    columns: boardCaseColumns(names.directory),
    rows,
  };
}

/** The columns of a list of board cases (drill-downs and their CSV). */
export function boardCaseColumns(directory: DirectoryIndex): ReportColumn<BoardCase>[] {
  return [
    column<BoardCase>('ref', 'Ref', 'text', (c) => c.ref),
    column<BoardCase>('subject', 'Subject', 'text', (c) => c.subject),
    column<BoardCase>('kind', 'Kind', 'text', (c) => kindName(c.kind)),
    column<BoardCase>('status', 'Status', 'text', (c) => c.status),
    column<BoardCase>('level', 'Level', 'text', (c) => ESCALATION_LEVEL_NAMES[c.escalationLevel]),
    column<BoardCase>('owner', 'Owner', 'text', (c) => directory.personName(ownerOf(c))),
    column<BoardCase>('team', 'Team', 'text', (c) => directory.teamName(c.teamId)),
    column<BoardCase>('received', 'Received', 'instant', (c) => c.receivedAt),
    column<BoardCase>('sla', 'SLA', 'text', (c) => c.slaState),
    column<BoardCase>('due', 'Deadline', 'instant', (c) => c.dueAt),
  ];
}

/** The board's lists as one report (print view and CSV), with every figure's key in its own column. */
export function boardReport(view: BoardView, generatedAt: string): ReportModel {
  const lineTable = (grouping: BoardGrouping): ReportTable<BoardLine> => ({
    id: `by-${grouping}`,
    title: `Overdue and at risk by ${grouping}`,
    columns: [
      column<BoardLine>(grouping, GROUPING_HEADERS[grouping], 'text', (l) => l.label),
      column<BoardLine>('overdue', 'Overdue', 'integer', (l) => l.overdue.count),
      column<BoardLine>('at-risk', 'At risk', 'integer', (l) => l.atRisk.count),
    ],
    rows: view.by[grouping],
  });
  const complianceTable = (
    id: string,
    title: string,
    rows: ComplianceLine[],
  ): ReportTable<ComplianceLine> => ({
    id,
    title,
    columns: [
      column<ComplianceLine>(
        'name',
        id === 'compliance-by-target' ? 'Policy / target' : 'Policy',
        'text',
        (l) => l.label,
      ),
      column<ComplianceLine>('met', 'Met', 'integer', (l) => l.met.count),
      column<ComplianceLine>('breached', 'Breached', 'integer', (l) => l.breached.count),
      column<ComplianceLine>('compliance', 'Compliance', 'percent', (l) => l.compliance),
    ],
    rows,
  });
  const figures = [
    { label: 'Open cases', figure: view.open },
    { label: 'Overdue', figure: view.overdue },
    { label: 'At risk', figure: view.atRisk },
  ];
  return {
    kind: 'board',
    title: 'Overdue board',
    generatedAt,
    period: view.period,
    confidential: false,
    timeZone: view.timeZone,
    sections: [
      {
        id: 'totals',
        title: 'Open cases',
        table: {
          id: 'totals',
          title: 'Open cases',
          columns: [
            column<(typeof figures)[number]>('figure', 'Figure', 'text', (f) => f.label),
            column<(typeof figures)[number]>('count', 'Cases', 'integer', (f) => f.figure.count),
          ],
          rows: figures,
        },
      },
      ...BOARD_GROUPINGS.map((g) => ({ id: `by-${g}`, title: lineTable(g).title, table: lineTable(g) })),
      {
        id: 'age',
        title: 'Open cases by age',
        note: `Whole ${view.ageUnit} since the desk received the case, as the query escalation ladder counts its days.`,
        table: {
          id: 'age',
          title: 'Open cases by age',
          columns: [
            column<BoardView['age'][number]>('age', view.ageHeading, 'text', (a) => a.label),
            column<BoardView['age'][number]>('count', 'Cases', 'integer', (a) => a.figure.count),
          ],
          rows: view.age,
        },
      },
      {
        id: 'breaches-by-week',
        title: 'Breaches per week',
        note: 'Cases with a deadline that passed unmet (or was met late) in the week starting that Monday.',
        table: {
          id: 'breaches-by-week',
          title: 'Breaches per week',
          columns: [
            column<BoardView['breachesByWeek'][number]>('week', 'Week starting', 'text', (w) => w.weekStart),
            column<BoardView['breachesByWeek'][number]>('count', 'Cases', 'integer', (w) => w.figure.count),
          ],
          rows: view.breachesByWeek,
        },
      },
      {
        id: 'compliance-by-policy',
        title: 'SLA compliance by policy',
        note: 'Cases with a deadline decided in the period: breached if any was missed, else met.',
        table: complianceTable('compliance-by-policy', 'SLA compliance by policy', [
          view.compliance.all,
          ...view.compliance.policies,
        ]),
      },
      {
        id: 'compliance-by-target',
        title: 'SLA compliance by target',
        table: complianceTable('compliance-by-target', 'SLA compliance by target', view.compliance.targets),
      },
    ],
  };
}

const GROUPING_HEADERS: Readonly<Record<BoardGrouping, string>> = {
  owner: 'Owner',
  team: 'Team',
  level: 'Level',
  kind: 'Kind',
  policy: 'Policy',
};

const METRIC_TITLES: Readonly<Record<BoardMetric, string>> = {
  overdue: 'Overdue',
  'at-risk': 'At risk',
  open: 'Open',
  breaches: 'Breaches in the week of',
  met: 'Met',
  breached: 'Breached',
};

interface Labels {
  directory: DirectoryIndex;
  label(dimension: string, value: string): string;
  describe(metric: BoardMetric, dimension: string, value: string): string;
}

function labelsOf(labels: BoardLabels): Labels {
  const directory = indexDirectory(labels.directory);
  const policies = new Map((labels.policies ?? []).map((p) => [p.id, p]));
  const label = (dimension: string, value: string): string => {
    switch (dimension) {
      case 'owner':
        return directory.personName(value === '' ? null : value);
      case 'team':
        return directory.teamName(value === '' ? null : value);
      case 'level':
        return ESCALATION_LEVEL_NAMES[Number(value) as 0 | 1 | 2] ?? value;
      case 'kind':
        return kindName(value);
      case 'policy':
        return policies.get(value)?.name ?? value;
      case 'target': {
        const cut = value.lastIndexOf('/');
        const policy = policies.get(value.slice(0, cut));
        const targetId = value.slice(cut + 1);
        const target = policy?.targets.find((t) => t.id === targetId);
        return `${policy?.name ?? value.slice(0, cut)}: ${target?.name ?? targetId}`;
      }
      case 'age':
        return AGE_BUCKETS.find((b) => b.id === value)?.label ?? value;
      default:
        return value;
    }
  };
  return {
    directory,
    label,
    describe: (metric, dimension, value) =>
      dimension === 'all'
        ? `${METRIC_TITLES[metric]}: all`
        : `${METRIC_TITLES[metric]}: ${label(dimension, value)}`,
  };
}
