/**
 * Report models (shared/reports) as PrintableReports: the formatted tables, the charts and the marks a printed
 * report carries. The in-app report view, the print route and the PDF all draw this one object, so what a
 * manager sees is what the PDF says. Pure: the benchmark and the tests build the same objects in Node.
 */
import type { ChartSpec, PrintableColumn, PrintableReport, PrintableSection } from '../../shared/ipc/export';
import {
  type BoardView,
  type ComplaintsRegister,
  type ComplianceReport,
  type EvidenceReport,
  formatLocalDate,
  formatLocalInstant,
  type OutstandingReport,
  type RegisterDeadline,
  type ReportModel,
  tableText,
  UNASSIGNED_GROUP,
} from '../../shared/reports';
import { periodText } from './period';

export interface PrintableExtras {
  summary?: string | null;
  orientation?: PrintableReport['orientation'];
  /** Charts by section id, drawn above the section's table. */
  charts?: Readonly<Record<string, ChartSpec>>;
  /** Sections kept on one page where they fit (a new page only when they do not fit on this one). */
  keepTogether?: (sectionId: string) => boolean;
  /** Sections whose last row is a total. */
  totalRows?: readonly string[];
}

export function printable(model: ReportModel, extras: PrintableExtras = {}): PrintableReport {
  const sections = model.sections.map((section): PrintableSection => {
    const [header = [], ...rows] = tableText(section.table, model.timeZone);
    return {
      id: section.id,
      title: section.title,
      note: section.note ?? null,
      keepTogether: extras.keepTogether?.(section.id) ?? false,
      chart: extras.charts?.[section.id] ?? null,
      columns: section.table.columns.map((c, i) => ({
        header: header[i] ?? c.header,
        numeric: c.format === 'integer' || c.format === 'percent',
        wrap: c.format === 'instant' ? 'spaces' : c.format !== 'text' || c.id === 'ref' ? 'never' : 'normal',
      })),
      rows,
      totalRow: (extras.totalRows ?? []).includes(section.id) && rows.length > 0,
    };
  });
  return {
    kind: model.kind,
    title: model.title,
    generatedAt: model.generatedAt,
    generatedText: instantText(model.generatedAt, model.timeZone),
    periodText: model.period === null ? null : periodText(model.period, model.timeZone),
    confidential: model.confidential,
    orientation: extras.orientation ?? 'portrait',
    summary: extras.summary ?? null,
    sections,
  };
}

export function outstandingPrintable(report: OutstandingReport): PrintableReport {
  const { total } = report;
  return printable(report, {
    summary:
      `${plural(total.total, 'open case')} in ${plural(report.groups.length, 'group')}; ` +
      `${total.overdue} overdue; the oldest open for ${total.oldestDays} ${total.oldestDays === 1 ? report.ageUnit.replace(/s$/, '') : report.ageUnit}.`,
    charts: {
      summary: {
        title: 'Open and overdue cases by line manager',
        description: `Open and overdue cases per group: ${report.summary
          .map((l) => `${l.group}: ${l.total} open, ${l.overdue} overdue`)
          .join('; ')}.`,
        layout: 'horizontal',
        // The line manager first: a long division name would push the person out of a short label.
        categories: report.groups.map((g) =>
          g.key === UNASSIGNED_GROUP
            ? 'Unassigned'
            : `${g.lineManager ?? 'No line manager'} · ${g.division ?? 'No division'}`,
        ),
        series: [
          { name: 'Open', pattern: 'solid', values: report.summary.map((l) => l.total) },
          { name: 'Overdue', pattern: 'hatch', values: report.summary.map((l) => l.overdue) },
        ],
      },
    },
    // Groups follow each other and one moves to the next page only when it does not fit on this one (each line
    // manager is sent their own part, so a group needs no page of its own).
    keepTogether: (id) => id !== 'summary',
    totalRows: ['summary'],
  });
}

export function compliancePrintable(report: ComplianceReport): PrintableReport {
  const decided = report.all.met.count + report.all.breached.count;
  return printable(report, {
    summary:
      decided === 0
        ? 'No deadline was met or breached in the period.'
        : `${percentText(report.all.compliance)} of ${plural(decided, 'case')} met every deadline decided in the period; ` +
          `${plural(report.breaches.length, 'deadline')} breached.`,
    charts: {
      'by-policy': {
        title: 'Cases met and breached by policy',
        description: `Cases met and breached in the period by policy: ${report.policies
          .map((l) => `${l.label}: ${l.met.count} met, ${l.breached.count} breached`)
          .join('; ')}.`,
        layout: 'horizontal',
        categories: report.policies.map((l) => l.label),
        series: [
          { name: 'Met', pattern: 'solid', values: report.policies.map((l) => l.met.count) },
          { name: 'Breached', pattern: 'hatch', values: report.policies.map((l) => l.breached.count) },
        ],
      },
    },
  });
}

/**
 * The register prints each deadline (due, done, outcome) in one cell, so 20 columns become 11 that fit a
 * landscape page; its CSV keeps every field in a column of its own.
 */
export function registerPrintable(register: ComplaintsRegister): PrintableReport {
  const { totals, timeZone } = register;
  const report = printable(register, {
    summary:
      `${plural(totals.received, 'complaint')} received, ${totals.open} still open; ` +
      `${totals.hodReviews} Head of Department ${totals.hodReviews === 1 ? 'review' : 'reviews'}, ` +
      `${plural(totals.referrals, 'external referral')}. Handle in confidence.`,
    orientation: 'landscape',
  });
  const when = (at: Date | string | null) => (at === null ? '' : formatLocalInstant(at, timeZone));
  const deadline = (d: RegisterDeadline) =>
    [d.dueAt ? `Due ${when(d.dueAt)}` : '', d.doneAt ? `Done ${when(d.doneAt)}` : '', d.outcome]
      .filter(Boolean)
      .join('\n');
  const text = (header: string, wrap: PrintableColumn['wrap'] = 'normal') => ({
    header,
    numeric: false,
    wrap,
  });
  const complaints: Pick<PrintableSection, 'columns' | 'rows'> = {
    columns: [
      text('Ref', 'never'),
      text('Kind'),
      text('Received', 'spaces'),
      text('Complainant'),
      text('Subject'),
      text('Stage and status'),
      text('Owner'),
      text('Acknowledgement', 'never'),
      text('Response', 'never'),
      text('Head of Department review', 'never'),
      text('External referral'),
    ],
    rows: register.entries.map((e) => [
      e.ref,
      e.kind,
      when(e.receivedAt),
      e.complainant,
      e.subject,
      [e.stage, e.status].filter(Boolean).join('\n'),
      e.owner,
      deadline(e.acknowledgement),
      deadline(e.response),
      e.hodRequestedAt === null
        ? ''
        : [
            `Requested ${when(e.hodRequestedAt)}${e.hodRequestLate ? ' (after the window closed)' : ''}`,
            deadline(e.hodResponse),
          ]
            .filter(Boolean)
            .join('\n'),
      e.referral === ''
        ? ''
        : [e.referral, e.referredAt ? formatLocalDate(e.referredAt, timeZone) : '']
            .filter(Boolean)
            .join('\n'),
    ]),
  };
  return {
    ...report,
    sections: report.sections.map((section) =>
      section.id === 'complaints' ? { ...section, ...complaints } : section,
    ),
  };
}

/** `subject`: the case's, for the line under the title. */
export function evidencePrintable(report: EvidenceReport, subject: string): PrintableReport {
  return printable(report, {
    summary: `${subject}. ${plural(report.timeline.length, 'event')}, ${plural(report.clocks.length, 'deadline')}.`,
  });
}

export function boardPrintable(view: BoardView, model: ReportModel): PrintableReport {
  return printable(model, {
    summary: `${plural(view.open.count, 'open case')}: ${view.overdue.count} overdue, ${view.atRisk.count} at risk.`,
    charts: {
      age: ageChart(view),
      'breaches-by-week': breachesChart(view),
      'compliance-by-policy': complianceChart(view),
    },
  });
}

/** Open cases per age bucket. */
export function ageChart(view: BoardView): ChartSpec {
  return {
    title: 'Open cases by age',
    description: `Open cases by ${view.ageUnit} open: ${view.age.map((a) => `${a.label}: ${a.figure.count}`).join('; ')}.`,
    layout: 'vertical',
    categories: view.age.map((a) => a.label),
    series: [{ name: 'Open cases', pattern: 'solid', values: view.age.map((a) => a.figure.count) }],
  };
}

/** Cases breaching a deadline per week, oldest week first (labelled by the Monday, "02-23"). */
export function breachesChart(view: BoardView): ChartSpec {
  return {
    title: 'Breaches per week',
    description: `Cases breaching a deadline per week: ${view.breachesByWeek
      .map((w) => `week of ${w.weekStart}: ${w.figure.count}`)
      .join('; ')}.`,
    layout: 'vertical',
    categories: view.breachesByWeek.map((w) => w.weekStart.slice(5)),
    series: [
      { name: 'Cases breached', pattern: 'hatch', values: view.breachesByWeek.map((w) => w.figure.count) },
    ],
  };
}

/** Met and breached per policy for the board's period. */
export function complianceChart(view: BoardView): ChartSpec {
  const lines = view.compliance.policies;
  return {
    title: 'SLA compliance by policy',
    description: `Cases met and breached in the period by policy: ${lines
      .map((l) => `${l.label}: ${l.met.count} met, ${l.breached.count} breached`)
      .join('; ')}.`,
    layout: 'horizontal',
    categories: lines.map((l) => l.label),
    series: [
      { name: 'Met', pattern: 'solid', values: lines.map((l) => l.met.count) },
      { name: 'Breached', pattern: 'hatch', values: lines.map((l) => l.breached.count) },
    ],
  };
}

/** "Outstanding cases 2026-03-02.pdf"; confidential reports say so in the name too. */
export function reportFileName(
  report: Pick<PrintableReport, 'title' | 'generatedAt' | 'confidential'>,
  extension: 'pdf' | 'csv',
  part?: string,
): string {
  const title = [report.confidential ? 'CONFIDENTIAL' : '', report.title, part ?? '']
    .filter(Boolean)
    .join(' ')
    .replace(/:\s*/g, ' ')
    .replace(/[/\\*?"<>|\p{Cc}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${title} ${report.generatedAt.slice(0, 10)}.${extension}`;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** "2 Mar 2026, 10:00 (Europe/London)". */
export function instantText(iso: string, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    instantFormats.set(timeZone, format);
  }
  return `${format.format(Date.parse(iso))} (${timeZone})`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function percentText(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1)}%`;
}
