/**
 * Each report from the local store, as the PrintableReport every output draws. The figures are computed by
 * shared/reports; this file only reads the rows they need (through the store's indexes where there is one),
 * and only the cases the person using the app may see (renderer/access).
 */
import Dexie from 'dexie';
import type { PrintableReport } from '../../shared/ipc/export';
import {
  type Board,
  type BoardLabels,
  COMPLAINT_KINDS,
  caseHistories,
  complaintsRegister,
  complianceReport,
  type Directory,
  deskAgeCounting,
  evidenceReport,
  groupsSeenBy,
  outstandingReport,
  type ReportModel,
  type ReportPeriod,
  type ReportTable,
  scopedOutstanding,
} from '../../shared/reports';
import { caseRules, refKey } from '../../shared/sync';
import { currentAccess, seesEverything } from '../access';
import { type CaseStore, caseWithSla, fromCaseRow, timelineOf, timelinesOf } from '../db';
import { type ReportRun, reportRunKey } from '../escalation-runner/report-offer';
import { compliancePrintable, evidencePrintable, outstandingPrintable, registerPrintable } from './printable';

export const REPORT_KINDS = ['outstanding', 'compliance', 'complaints-register', 'evidence'] as const;
export type ReportKindId = (typeof REPORT_KINDS)[number];

/** A report ready to show, print and export: the printable document and the tables behind it for CSV. */
export interface LoadedReport {
  printable: PrintableReport;
  model: ReportModel;
  /** Every table a CSV can be made of, by section id, plus whole-report tables (e.g. all outstanding cases). */
  tables: readonly { id: string; title: string; table: ReportTable }[];
}

async function directoryOf(store: CaseStore): Promise<Directory> {
  const [people, teams] = await Promise.all([store.db.people.toArray(), store.db.teams.toArray()]);
  return { people, teams };
}

function sectionTables(model: ReportModel): LoadedReport['tables'] {
  return model.sections.map((s) => ({ id: s.id, title: s.title, table: s.table }));
}

/** Every open case, grouped by division and line manager, as at `now`. */
export async function loadOutstanding(store: CaseStore, now: Date): Promise<LoadedReport> {
  const [directory, rows, policies, calendars] = await Promise.all([
    directoryOf(store),
    store.db.cases.where('[open+urgency]').between([1, Dexie.minKey], [1, Dexie.maxKey]).toArray(),
    store.db.policies.toArray(),
    store.db.calendars.toArray(),
  ]);
  const age = deskAgeCounting(policies, caseRules(policies, calendars).calendar);
  const visible = (await currentAccess(store)).visibleCases(rows);
  const model = outstandingReport(visible.map(caseWithSla), { directory, now, age });
  return {
    printable: outstandingPrintable(model),
    model,
    tables: [
      { id: 'all-cases', title: 'All outstanding cases', table: model.allCases },
      ...sectionTables(model),
    ],
  };
}

/**
 * A scheduled run of the outstanding report as it stood at its instant (what its banner, notification and
 * mail announced), in the part its recipient `me` was sent; the whole run for anyone else. Null when this
 * desktop does not keep the run.
 */
export async function loadOutstandingRun(
  store: CaseStore,
  runId: string,
  me: string | null,
): Promise<LoadedReport | null> {
  const run = (await store.db.meta.get(reportRunKey(runId)))?.value as ReportRun | undefined;
  if (run?.stored === undefined) return null;
  const scope = run.recipients.find((r) => r.personId === me)?.scope ?? { kind: 'all' };
  // The run was made with every case in it; whoever opens it sees only the cases the rule lets them see now.
  // A case flagged confidential when the run was made stays out unless it is in this store and visible.
  const access = await currentAccess(store);
  let groups = run.stored.groups;
  if (!seesEverything(access.viewer)) {
    const flagged = groups.flatMap((g) => g.cases.filter((c) => c.confidential).map((c) => c.id));
    const present = new Set(
      (await store.db.cases.bulkGet(flagged)).flatMap((row) => (row === undefined ? [] : [row.id])),
    );
    groups = groupsSeenBy(
      groups,
      (c) => !access.hidden.has(c.id) && (c.confidential !== true || present.has(c.id)),
    );
  }
  const model = scopedOutstanding(groups, scope, run.stored.header);
  return {
    printable: outstandingPrintable(model),
    model,
    tables: [
      { id: 'all-cases', title: 'All outstanding cases', table: model.allCases },
      ...sectionTables(model),
    ],
  };
}

/** Compliance over the board's period: the board's own figures, so the two never disagree. */
export function loadCompliance(board: Board, labels: BoardLabels, now: Date): LoadedReport {
  const model = complianceReport(board, labels, now);
  return { printable: compliancePrintable(model), model, tables: sectionTables(model) };
}

/** Complaints and formal complaints received in the period (null: all on record). */
export async function loadRegister(
  store: CaseStore,
  period: ReportPeriod | null,
  now: Date,
): Promise<LoadedReport> {
  const { db } = store;
  const ranges = COMPLAINT_KINDS.flatMap((kind) =>
    ([1, 0] as const).map((open) =>
      db.cases
        .where('[open+kind+urgency]')
        .between([open, kind, Dexie.minKey], [open, kind, Dexie.maxKey])
        .toArray(),
    ),
  );
  const [directory, policies, calendars, ...found] = await Promise.all([
    directoryOf(store),
    db.policies.toArray(),
    db.calendars.toArray(),
    ...ranges,
  ]);
  const cases = (await currentAccess(store)).visibleCases(found.flat()).map(fromCaseRow);
  const timelines = await timelinesOf(
    db,
    cases.map((c) => c.id),
  );
  const histories = caseHistories(cases, [...timelines.values()].flat(), { policies, calendars }, now);
  const model = complaintsRegister(histories, { directory, period, now });
  return { printable: registerPrintable(model), model, tables: sectionTables(model) };
}

/** One case's evidence by its reference as people type it ("q10428" finds Q-10428); null when there is none. */
export async function loadEvidence(
  store: CaseStore,
  reference: string,
  now: Date,
): Promise<LoadedReport | null> {
  const { db } = store;
  const row = await db.cases.where('refKey').equals(refKey(reference)).first();
  // A case the viewer may not see is, for them, not there.
  if (row === undefined || !(await currentAccess(store)).maySee(row)) return null;
  const [directory, policies, calendars, events] = await Promise.all([
    directoryOf(store),
    db.policies.toArray(),
    db.calendars.toArray(),
    timelineOf(db, row.id),
  ]);
  const kase = fromCaseRow(row);
  const [history] = caseHistories([kase], events, { policies, calendars }, now);
  const model = evidenceReport(history!, { directory, now });
  return { printable: evidencePrintable(model, kase.subject), model, tables: sectionTables(model) };
}
