import { describe, expect, it } from 'vitest';
import { demoPeople, demoSettings, generateDemo } from '../../shared/demo';
import { PrintableReport } from '../../shared/ipc/export';
import { caseHistories, complaintsRegister, outstandingReport } from '../../shared/reports';
import { createSlaOf } from '../../shared/sync';
import { periodDays, periodFor, periodOfDays, periodText } from './period';
import { outstandingPrintable, registerPrintable, reportFileName } from './printable';

const NOW = '2026-03-02T10:00:00.000Z';

function demoDesk() {
  const demo = generateDemo({ cases: 400, now: NOW, seed: 3 });
  const settings = demoSettings(NOW);
  const slaOf = createSlaOf(settings.policies, settings.calendars);
  const cases = demo.cases.map((kase) => ({
    ...kase,
    sla: slaOf(
      kase,
      demo.events.filter((e) => e.caseId === kase.id),
      new Date(NOW),
    ),
  }));
  return { cases, events: demo.events, settings, directory: demoPeople() };
}

describe('report periods', () => {
  const at = (iso: string) => new Date(iso);

  it('are whole days in London, across the change to summer time', () => {
    const lastMonth = periodFor({ preset: 'last-month', from: '', to: '' }, at('2026-04-10T12:00:00Z'));
    expect(lastMonth).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:00:00.000Z' });
    expect(periodText(lastMonth)).toBe('1 Mar 2026 – 31 Mar 2026');
    expect(periodFor({ preset: 'this-month', from: '', to: '' }, at('2026-04-10T12:00:00Z'))).toEqual({
      from: '2026-03-31T23:00:00.000Z',
      to: '2026-04-10T23:00:00.000Z',
    });
  });

  it('end with today: the last 4 weeks of 2 March 2026 start on 3 February', () => {
    const period = periodFor({ preset: 'last-4-weeks', from: '', to: '' }, at(NOW));
    expect(periodDays(period)).toEqual({ first: '2026-02-03', last: '2026-03-02' });
  });

  it('take chosen dates in either order, and refuse dates that are not days', () => {
    const chosen = periodFor({ preset: 'custom', from: '2026-02-28', to: '2026-02-01' }, at(NOW));
    expect(periodDays(chosen)).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(periodOfDays('2026-02-01', '2026-02-28')).toEqual(chosen);
    expect(periodOfDays('2026-02-30', '2026-03-01')).toBeNull();
    expect(periodOfDays('2026-03-02', '2026-03-01')).toBeNull();
  });
});

describe('printable reports', () => {
  const desk = demoDesk();

  it('outstanding cases: a summary with its total, then each group kept on one page where it fits, every open case once', () => {
    const model = outstandingReport(desk.cases, { directory: desk.directory, now: NOW });
    const report = PrintableReport.parse(outstandingPrintable(model));
    const [summary, ...groups] = report.sections;
    expect(summary).toMatchObject({ id: 'summary', keepTogether: false, totalRow: true });
    expect(summary!.rows.at(-1)![0]).toBe('All open cases');
    expect(summary!.chart?.categories).toHaveLength(model.groups.length);
    expect(groups.every((g) => g.keepTogether)).toBe(true);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(model.total.total);
    const days = summary!.columns.findIndex((c) => c.header === 'Oldest (days)');
    expect(summary!.columns[days]).toEqual({ header: 'Oldest (days)', numeric: true, wrap: 'never' });
  });

  it('the complaints register: confidential, landscape, each deadline in one cell', () => {
    const histories = caseHistories(desk.cases, desk.events, desk.settings, new Date(NOW));
    const model = complaintsRegister(histories, { directory: desk.directory, period: null, now: NOW });
    const report = PrintableReport.parse(registerPrintable(model));
    expect(report).toMatchObject({ confidential: true, orientation: 'landscape' });
    const complaints = report.sections.find((s) => s.id === 'complaints')!;
    expect(complaints.columns.map((c) => c.header)).toContain('Acknowledgement');
    expect(complaints.columns).toHaveLength(11);
    expect(complaints.rows).toHaveLength(model.entries.length);
    const acknowledged = model.entries.findIndex((e) => e.acknowledgement.doneAt !== null);
    expect(complaints.rows[acknowledged]![7]).toMatch(
      /^Due \d{4}-\d{2}-\d{2} \d{2}:\d{2}\nDone .+\n(On time|Late)$/,
    );
  });

  it('file names say confidential and carry the report date, without characters file systems refuse', () => {
    expect(
      reportFileName({ title: 'Case evidence: C-10012', generatedAt: NOW, confidential: true }, 'pdf'),
    ).toBe('CONFIDENTIAL Case evidence C-10012 2026-03-02.pdf');
    expect(
      reportFileName({ title: 'Outstanding cases', generatedAt: NOW, confidential: false }, 'csv', 'Summary'),
    ).toBe('Outstanding cases Summary 2026-03-02.csv');
  });
});
