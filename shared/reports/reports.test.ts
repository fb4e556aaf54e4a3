import { describe, expect, it } from 'vitest';
import { parseCsv, unguardFormula } from '../csv';
import { generateDemo } from '../demo';
import { demoSettings } from '../demo/generate';
import { applyCaseEvent, buildCase, type Case, historyOf, isOpenStatus } from '../domain';
import { formalComplaintPolicy, presetPolicies } from '../policies';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from '../sla';
import type { Person } from '../sync';
import { type BoardCase, boardCase, cellKey, count, createBoard, drillDown } from './board';
import { boardReport, boardView, drillDownTable } from './board-view';
import { complaintsRegister } from './complaints-register';
import { complianceReport, formatLateness } from './compliance';
import { evidenceReport } from './evidence';
import { type CaseHistory, caseHistories } from './history';
import { formatCell, type ReportModel, type ReportTable, tableCsvChunks, tableText } from './model';
import { outstandingReport, UNASSIGNED_GROUP } from './outstanding';

const NOW = '2026-03-02T10:00:00.000Z';
const PERIOD = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };
const demo = generateDemo({ cases: 2500, now: NOW, seed: 5 });
const settings = demoSettings(NOW);
const histories = caseHistories(demo.cases, demo.events, settings, new Date(NOW));
const directory = { people: demo.people, teams: demo.teams };
const labels = { directory, policies: settings.policies };
/** Case rows as the store keeps them: with their SLA summary. */
const stored: Case[] = histories.map((h) => ({
  ...h.case,
  sla: {
    state: h.sla?.state ?? 'none',
    dueAt: h.sla?.dueAt?.toISOString() ?? null,
    nextDueAt: h.sla?.nextDueAt?.toISOString() ?? null,
  },
}));
const people = new Map(demo.people.map((p) => [p.id, p]));

/** Every table of a report survives CSV: same header and cells as the view, numbers as numbers. */
function expectCsvMatchesView(
  report: ReportModel,
  tables: ReportTable[] = report.sections.map((s) => s.table),
) {
  for (const table of tables) {
    const csv = [...tableCsvChunks(table, report.timeZone)].join('');
    const parsed = parseCsv(csv).map((row) => row.map(unguardFormula));
    expect(parsed).toEqual(tableText(table, report.timeZone));
  }
}

describe('the outstanding-cases report', () => {
  const report = outstandingReport(stored, { directory, now: NOW });
  const open = stored.filter((c) => isOpenStatus(c.status));

  it('lists every open case exactly once and nothing else', () => {
    const listed = report.groups.flatMap((g) => g.cases.map((c) => c.id));
    expect(listed.sort()).toEqual(open.map((c) => c.id).sort());
    expect(report.allCases.rows).toHaveLength(open.length);
  });

  it('groups each case under its owner’s division and line manager', () => {
    for (const group of report.groups) {
      for (const row of group.cases) {
        const kase = open.find((c) => c.id === row.id)!;
        const owner = people.get(kase.ownerId ?? kase.assigneeId ?? '');
        if (group.key === UNASSIGNED_GROUP) expect(kase.ownerId ?? kase.assigneeId).toBeNull();
        else expect([group.division, group.lineManagerId]).toEqual([owner!.division, owner!.lineManagerId]);
      }
    }
    expect(report.groups.length).toBeGreaterThan(3);
  });

  it('has a summary whose lines add up to the groups and the total to every open case', () => {
    expect(report.summary).toHaveLength(report.groups.length);
    report.groups.forEach((group, i) => {
      const line = report.summary[i]!;
      expect(line.total).toBe(group.cases.length);
      expect(line.levels[0] + line.levels[1] + line.levels[2]).toBe(line.total);
      for (const level of [0, 1, 2] as const)
        expect(line.levels[level]).toBe(group.cases.filter((c) => c.level === level).length);
      expect(line.overdue).toBe(group.cases.filter((c) => c.overdue).length);
    });
    expect(report.total.total).toBe(open.length);
    expect(report.total.levels[2]).toBe(open.filter((c) => c.escalationLevel === 2).length);
    expect(report.total.overdue).toBe(open.filter((c) => c.sla?.state === 'breached').length);
  });

  it('puts the highest level and the oldest first in each group', () => {
    for (const group of report.groups) {
      for (let i = 1; i < group.cases.length; i++) {
        const [a, b] = [group.cases[i - 1]!, group.cases[i]!];
        expect(a.level >= b.level).toBe(true);
        if (a.level === b.level) expect(a.ageDays).toBeGreaterThanOrEqual(b.ageDays);
      }
    }
  });

  it('puts cases nobody owns in their own group, first', () => {
    const nobody = { ...open[0]!, id: 'nobody', ref: 'Q-0', ownerId: null, assigneeId: null };
    const withNobody = outstandingReport([...stored, nobody], { directory, now: NOW });
    expect(withNobody.groups[0]!.key).toBe(UNASSIGNED_GROUP);
    expect(withNobody.groups[0]!.cases.map((c) => c.id)).toContain('nobody');
    expect(withNobody.total.total).toBe(open.length + 1);
  });

  it('counts days open to the report time and exports as CSV', () => {
    const row = report.allCases.rows[0]!;
    expect(row.ageDays).toBe(Math.floor((Date.parse(NOW) - Date.parse(row.receivedAt)) / 86_400_000));
    expectCsvMatchesView(report, [...report.sections.map((s) => s.table), report.allCases]);
    // Marked confidential exactly when it lists a confidential case.
    expect(report.confidential).toBe(open.some((c) => c.confidential));
    const plain = outstandingReport(
      stored.filter((c) => !c.confidential),
      { directory, now: NOW },
    );
    expect(plain.confidential).toBe(false);
  });
});

describe('the compliance report', () => {
  const rows = histories.map((h) => boardCase(h.case, h.sla));
  const board = createBoard(rows, { now: NOW, period: PERIOD });
  const report = complianceReport(board, labels, NOW);

  it('has the same figures as the overdue board', () => {
    expect(report.all.met.count).toBe(count(board, cellKey('met', 'all')));
    expect(report.all.breached.count).toBe(count(board, cellKey('breached', 'all')));
    for (const line of report.policies) {
      expect(line.met.count).toBe(drillDown(board, cellKey('met', 'policy', line.value)).length);
      expect(line.compliance).toBeCloseTo(line.met.count / (line.met.count + line.breached.count));
    }
    expect(report.policies.map((p) => p.label)).toContain('Complaint');
  });

  it('lists one breach per breached deadline in the period, each in the period', () => {
    expect(report.breaches.length).toBe(report.targets.reduce((n, t) => n + t.breached.count, 0));
    expect(report.breaches.length).toBeGreaterThan(0);
    for (const breach of report.breaches) {
      expect(breach.dueAt.getTime()).toBeGreaterThanOrEqual(Date.parse(PERIOD.from));
      expect(breach.dueAt.getTime()).toBeLessThan(Date.parse(PERIOD.to));
      expect(breach.lateMs).toBeGreaterThanOrEqual(0);
    }
    expectCsvMatchesView(report);
  });

  it('counts a case breached if any deadline was missed, and a late answer as a breach', () => {
    const d = (iso: string) => new Date(iso);
    const base: BoardCase = { ...rows[0]!, policyId: 'complaint', status: 'closed', slaState: 'none' };
    const clock = (targetId: string, state: 'met' | 'breached', dueAt: string, metAt: string | null) => ({
      targetId,
      kind: 'first-response' as const,
      state,
      dueAt: d(dueAt),
      metAt: metAt === null ? null : d(metAt),
    });
    const small = createBoard(
      [
        {
          ...base,
          id: 'a',
          clocks: [
            clock('first-response', 'met', '2026-02-03T10:00:00Z', '2026-02-03T09:00:00Z'),
            clock('resolution', 'met', '2026-02-20T17:00:00Z', '2026-02-10T12:00:00Z'),
          ],
        },
        {
          ...base,
          id: 'b',
          clocks: [
            clock('first-response', 'breached', '2026-02-04T10:00:00Z', '2026-02-04T13:30:00Z'),
            clock('resolution', 'met', '2026-02-25T17:00:00Z', '2026-02-12T12:00:00Z'),
          ],
        },
        {
          ...base,
          id: 'c',
          status: 'open',
          clocks: [clock('first-response', 'breached', '2026-02-27T10:00:00Z', null)],
        },
        // Decided before the period: not in it.
        {
          ...base,
          id: 'd',
          clocks: [clock('first-response', 'met', '2026-01-03T10:00:00Z', '2026-01-03T09:00:00Z')],
        },
      ],
      { now: NOW, period: PERIOD },
    );
    const r = complianceReport(small, labels, NOW);
    expect([r.all.met.count, r.all.breached.count]).toEqual([1, 2]);
    expect(r.all.compliance).toBeCloseTo(1 / 3);
    const targets = Object.fromEntries(r.targets.map((t) => [t.value, [t.met.count, t.breached.count]]));
    expect(targets).toEqual({ 'complaint/first-response': [1, 2], 'complaint/resolution': [2, 0] });
    expect(r.targets[0]!.label).toBe('Complaint: Respond within 24 hours');
    expect(r.breaches.map((b) => [b.caseId, formatLateness(b.lateMs)])).toEqual([
      ['c', '3 d 0 h'],
      ['b', '3 h 30 min'],
    ]);
  });
});

describe('the complaints register', () => {
  const policy = formalComplaintPolicy();
  const calendar = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2027 }));
  const formal = (id: string, review: string | null): CaseHistory => {
    const kase = buildCase({
      id,
      kind: 'formal-complaint',
      receivedAt: '2026-01-05T10:00:00Z',
      status: 'open',
      stage: 'formal',
      ownerId: 'p1',
    });
    const h = historyOf(kase)
      .created()
      .reply('2026-01-07T10:00:00Z', 'acknowledgement') // in 5 working days
      .reply('2026-02-13T10:00:00Z', 'response'); // after 20 working days (due 2 Feb): late
    if (review !== null) h.stage(review, 'hod-review');
    const final = h.events.reduce(applyCaseEvent, kase);
    const now = new Date(NOW);
    return caseHistories([final], h.events, { policies: [policy], calendars: [calendar.spec] }, now)[0]!;
  };
  const owner: Person = {
    id: 'p1',
    name: 'Karen Whitfield',
    email: 'k@example.ac.uk',
    role: 'agent',
    teamId: null,
    division: 'Digital Services',
    lineManagerId: null,
    seesConfidential: true,
    active: true,
  };

  it('shows acknowledgement and response due against done, and flags a review asked for after the window', () => {
    const register = complaintsRegister(
      [formal('f1', '2026-02-20T10:00:00Z'), formal('f2', '2026-03-01T10:00:00Z'), formal('f3', null)],
      { directory: { people: [owner], teams: [] }, period: null, now: NOW },
    );
    expect(register.confidential).toBe(true);
    const [f1, f2, f3] = register.entries;
    expect(f1!.acknowledgement.outcome).toBe('On time');
    expect(f1!.acknowledgement.doneAt?.toISOString()).toBe('2026-01-07T10:00:00.000Z');
    expect(f1!.response.outcome).toBe('Late');
    expect(f1!.response.dueAt?.toISOString()).toBe('2026-02-02T17:00:00.000Z');
    expect(f1!.owner).toBe('Karen Whitfield');
    // Window: 2 weeks from the response (13 Feb) closes 27 Feb.
    expect([f1!.hodRequestedAt, f1!.hodRequestLate, f1!.stage]).toEqual([
      '2026-02-20T10:00:00Z',
      false,
      'Head of Department review',
    ]);
    expect(f1!.hodResponse.outcome).toBe('Due');
    expect([f2!.hodRequestedAt, f2!.hodRequestLate]).toEqual(['2026-03-01T10:00:00Z', true]);
    expect([f3!.hodRequestedAt, f3!.hodRequestLate, f3!.hodResponse.outcome]).toEqual([
      null,
      false,
      'Not started',
    ]);
    expect(register.totals).toMatchObject({
      received: 3,
      respondedLate: 3,
      hodReviews: 2,
      hodRequestsLate: 1,
    });
  });

  it('lists only complaints received in the period, with referrals, from a generated desk', () => {
    const register = complaintsRegister(histories, { directory, period: PERIOD, now: NOW });
    const expected = demo.cases.filter(
      (c) =>
        (c.kind === 'complaint' || c.kind === 'formal-complaint') &&
        c.receivedAt >= PERIOD.from &&
        c.receivedAt < PERIOD.to,
    );
    expect(register.entries.map((e) => e.caseId).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(register.entries.length).toBeGreaterThan(10);
    const all = complaintsRegister(histories, { directory, period: null, now: NOW });
    expect(all.totals.referrals).toBe(
      demo.cases.filter((c) => c.kind.includes('complaint') && c.externalReferral !== null).length,
    );
    expect(all.totals.referrals).toBeGreaterThan(0);
    expectCsvMatchesView(register);
  });
});

describe('the case evidence report', () => {
  it('gives the timeline in order and every clock with how its deadline was worked out', () => {
    const complaint = histories.find(
      (h) =>
        h.case.kind === 'complaint' && h.sla?.clocks.some((c) => c.state === 'met') && h.events.length > 4,
    )!;
    const report = evidenceReport(complaint, { directory, now: NOW });
    expect(report.confidential).toBe(true);
    expect(report.title).toBe(`Case evidence: ${complaint.case.ref}`);
    const times = report.timeline.map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(report.timeline.map((t) => t.what)).toContain('Case logged');
    expect(report.clocks.map((c) => c.clock.targetId)).toEqual(['first-response', 'resolution']);
    const resolution = report.clocks[1]!;
    expect(resolution.promise).toBe('20 working days');
    expect(resolution.explanation!.spans.some((s) => s.kind === 'weekend' || s.kind === 'night')).toBe(true);
    expect(report.sections.map((s) => s.id)).toEqual([
      'case',
      'timeline',
      'attachments',
      'clocks',
      'clock-first-response',
      'clock-resolution',
    ]);
    expectCsvMatchesView(report);
  });
});

describe('the board as a report', () => {
  const board = createBoard(
    histories.map((h) => boardCase(h.case, h.sla)),
    { now: NOW, period: PERIOD },
  );
  const view = boardView(board, labels);

  it('labels every figure and keeps its drill-down key', () => {
    expect(view.by.level.map((l) => l.label)).toEqual(['Desk', 'Manager', 'Director']);
    expect(view.by.kind).toHaveLength(4);
    expect(view.breachesByWeek).toHaveLength(12);
    for (const line of Object.values(view.by).flat()) {
      expect(line.overdue.count).toBe(drillDown(board, line.overdue.key).length);
      expect(line.atRisk.count).toBe(drillDown(board, line.atRisk.key).length);
    }
    const owners = view.by.owner.filter((l) => l.overdue.count > 0);
    expect(owners.every((l) => !l.label.startsWith('person-'))).toBe(true);
    expect(view.by.owner[0]!.overdue.count).toBe(Math.max(...view.by.owner.map((l) => l.overdue.count)));
  });

  it('lists the cases behind a figure as a table with the figure’s title', () => {
    const table = drillDownTable(board, view.overdue.key, labels);
    expect(table.rows).toHaveLength(view.overdue.count);
    expect(table.title).toBe('Overdue: all');
    const team = view.by.team[0]!;
    expect(drillDownTable(board, team.overdue.key, labels).title).toBe(`Overdue: ${team.label}`);
    expectCsvMatchesView(boardReport(view, NOW));
  });
});

describe('formatting', () => {
  it('prints instants in the report’s zone, percentages to a tenth, flags as Yes/No', () => {
    expect(formatCell('instant', '2026-06-01T08:30:00Z', 'Europe/London')).toBe('2026-06-01 09:30');
    expect(formatCell('instant', new Date('2026-01-01T08:30:00Z'), 'Europe/London')).toBe('2026-01-01 08:30');
    expect(formatCell('date', '2026-06-30T23:30:00Z', 'Europe/London')).toBe('2026-07-01');
    // Clocks go forward at 01:00 GMT on 29 March 2026.
    expect(formatCell('instant', '2026-03-29T00:59:00Z', 'Europe/London')).toBe('2026-03-29 00:59');
    expect(formatCell('instant', '2026-03-29T01:00:00Z', 'Europe/London')).toBe('2026-03-29 02:00');
    expect(formatCell('instant', '2026-10-25T00:30:00Z', 'Europe/London')).toBe('2026-10-25 01:30');
    expect(formatCell('instant', '2026-10-25T01:30:00Z', 'Europe/London')).toBe('2026-10-25 01:30');
    expect(formatCell('percent', 0.9347, 'UTC')).toBe('93.5%');
    expect(formatCell('flag', true, 'UTC')).toBe('Yes');
    expect(formatCell('integer', null, 'UTC')).toBe('');
    expect(presetPolicies()).toHaveLength(4);
  });
});
