/**
 * Every report exported to PDF through the real path (the page sends the report to the browser host, whose
 * Chromium prints the print route) over a generated desk. pdftotext must find the cases, groups and totals that
 * shared/reports computes in Node over the app's own rows, and the marks every page carries; pdftoppm's page
 * images are attached to the test's output. CSV exports parse back to the same rows.
 */

import { periodFor, periodText } from '../../renderer/report-kit/period';
import { parseCsv } from '../../shared/csv';
import {
  boardCase,
  caseHistories,
  complaintsRegister,
  complianceReport,
  createBoard,
  evidenceReport,
  formatCell,
  outstandingReport,
} from '../../shared/reports';
import { expect, test } from './fixtures';
import { ReportsPage } from './pages/reports';
import {
  attachPageImages,
  type DeskSnapshot,
  deskAgeOf,
  pdfPageTexts,
  readSettledStore,
  readText,
  requirePoppler,
  saveDownload,
} from './report-files';

const NOW = '2026-03-02T10:00:00Z';
const TZ = 'Europe/London';

const directoryOf = (store: DeskSnapshot) => ({ people: store.people, teams: store.teams });

/** Each page carries the report's title, "Page n of N" and, where it applies, the confidentiality mark. */
function expectPageMarks(pages: string[], title: string, confidential: boolean): void {
  expect(pages.length).toBeGreaterThan(0);
  pages.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain(`Desk · ${title}`);
    expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text, `page ${i + 1}`).toContain('Generated 2 Mar 2026, 10:00 (Europe/London)');
    if (confidential)
      expect(text.match(/CONFIDENTIAL/g)?.length ?? 0, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
    else expect(text, `page ${i + 1}`).not.toContain('CONFIDENTIAL');
  });
}

test('each report exports to PDF through the host’s Chromium, with its cases, groups, totals and page marks', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  requirePoppler('pdftotext');
  requirePoppler('pdftoppm');
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/reports/outstanding', query: { 'demo-cases': '300' } });
  const reports = new ReportsPage(page);
  await reports.waitShown('Outstanding cases');
  const store = await readSettledStore(page);
  const now = new Date(NOW);
  const histories = caseHistories(store.cases, store.events, store, now);

  // ——— outstanding cases: every open case in its group, a summary page with the totals ———
  const outstanding = outstandingReport(store.cases, {
    directory: directoryOf(store),
    now,
    age: deskAgeOf(store),
  });
  expect(outstanding.total.total).toBeGreaterThan(10);
  // The view re-reads the store after changes: wait until it shows the rows just read.
  await expect(reports.document).toContainText(
    `${outstanding.total.total} open cases in ${outstanding.groups.length} groups; ${outstanding.total.overdue} overdue`,
  );
  const outstandingPdf = await saveDownload(await reports.exportPdf(), testInfo);
  const pages = pdfPageTexts(outstandingPdf);
  await attachPageImages(outstandingPdf, testInfo, 'outstanding');
  // The demo desk has open complaints (confidential): the report that lists them says so on every page.
  expect(outstanding.confidential).toBe(true);
  expectPageMarks(pages, 'Outstanding cases', outstanding.confidential);
  const { total } = outstanding;
  expect(pages[0]).toContain(
    `All open cases ${total.levels[0]} ${total.levels[1]} ${total.levels[2]} ${total.overdue} ${total.total} ${total.oldestDays}`,
  );
  // The summary is on page 1; each group lists its cases.
  outstanding.groups.forEach((group, g) => {
    const groupPages = pages.filter((text) => text.includes(group.label));
    expect(groupPages.length, group.label).toBeGreaterThan(0);
    const line = outstanding.summary[g]!;
    expect(pages[0], group.label).toContain(
      `${line.group} ${line.levels[0]} ${line.levels[1]} ${line.levels[2]} ${line.overdue} ${line.total} ${line.oldestDays}`,
    );
    for (const kase of group.cases)
      expect(groupPages.join(' '), `${group.label}: ${kase.ref}`).toContain(kase.ref);
  });

  // Groups follow one another: a group starts a new page only when it does not fit on the rest of the page, so
  // pages hold several groups (and the PDF has fewer pages than groups), and no group is split while it fits.
  const groupsOn = pages.map((text) => outstanding.groups.filter((g) => text.includes(g.label)).length);
  expect(Math.max(...groupsOn), 'groups on the fullest page').toBeGreaterThan(1);
  expect(pages.length).toBeLessThan(outstanding.groups.length + 1);
  expect(outstanding.allCases.columns.find((c) => c.id === 'age')?.header).toBe('Working days open');

  // Its CSV of all cases parses back to the report's rows (UTF-8 with a BOM, for Excel).
  const csv = readText(await saveDownload(await reports.exportCsv('CSV of all cases'), testInfo));
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual(outstanding.allCases.columns.map((c) => c.header));
  expect(rows).toEqual(
    outstanding.allCases.rows.map((row) =>
      outstanding.allCases.columns.map((c) => {
        const value = c.value(row);
        return c.format === 'integer' && typeof value === 'number'
          ? String(value)
          : formatCell(c.format, value, TZ);
      }),
    ),
  );

  // ——— SLA compliance for the chosen period (the last 4 weeks) ———
  await page.evaluate(() => {
    window.location.hash = '#/reports/compliance';
  });
  await reports.waitShown('SLA compliance');
  const period = periodFor({ preset: 'last-4-weeks', from: '', to: '' }, now);
  const board = createBoard(
    histories.map((h) => boardCase(h.case, h.sla)),
    { now, period, age: deskAgeOf(store) },
  );
  const compliance = complianceReport(
    board,
    { directory: directoryOf(store), policies: store.policies },
    now,
  );
  const compliancePdf = await saveDownload(await reports.exportPdf(), testInfo);
  const compliancePages = pdfPageTexts(compliancePdf);
  await attachPageImages(compliancePdf, testInfo, 'compliance');
  expectPageMarks(compliancePages, 'SLA compliance', compliance.confidential);
  const complianceText = compliancePages.join(' ');
  for (const text of compliancePages) expect(text).toContain(`Period: ${periodText(period)}`);
  const percent = (share: number | null) => formatCell('percent', share, TZ);
  for (const line of [compliance.all, ...compliance.policies]) {
    expect(complianceText).toContain(
      `${line.label} ${line.met.count} ${line.breached.count} ${percent(line.compliance)}`,
    );
  }
  for (const breach of compliance.breaches) expect(complianceText).toContain(breach.ref);

  // ——— complaints register: confidential on every page ———
  await page.evaluate(() => {
    window.location.hash = '#/reports/complaints-register';
  });
  await reports.waitShown('Complaints register');
  const register = complaintsRegister(histories, { directory: directoryOf(store), period, now });
  expect(register.entries.length).toBeGreaterThan(0);
  const registerDownload = await reports.exportPdf();
  expect(registerDownload.suggestedFilename()).toBe('CONFIDENTIAL Complaints register 2026-03-02.pdf');
  const registerPdf = await saveDownload(registerDownload, testInfo);
  const registerPages = pdfPageTexts(registerPdf);
  await attachPageImages(registerPdf, testInfo, 'complaints-register');
  expectPageMarks(registerPages, 'Complaints register', true);
  const registerText = registerPages.join(' ');
  expect(registerText).toContain(`Complaints received ${register.totals.received}`);
  expect(registerText).toContain(`Head of Department reviews requested ${register.totals.hodReviews}`);
  for (const entry of register.entries) expect(registerText).toContain(entry.ref);

  // ——— case evidence: one complaint's timeline and every clock with its explanation ———
  const complaint = histories.find(
    (h) => h.case.kind === 'complaint' && h.sla !== null && h.events.length > 4,
  )!;
  await page.evaluate(() => {
    window.location.hash = '#/reports/evidence';
  });
  await reports.chooseCase(complaint.case.ref.toLowerCase());
  await reports.waitShown(`Case evidence: ${complaint.case.ref}`);
  const evidence = evidenceReport(complaint, { directory: directoryOf(store), now });
  const evidencePdf = await saveDownload(await reports.exportPdf(), testInfo);
  const evidencePages = pdfPageTexts(evidencePdf);
  await attachPageImages(evidencePdf, testInfo, 'evidence');
  expectPageMarks(evidencePages, `Case evidence: ${complaint.case.ref}`, complaint.case.confidential);
  const evidenceText = evidencePages.join(' ');
  expect(evidenceText).toContain(complaint.case.subject);
  for (const entry of evidence.timeline) expect(evidenceText).toContain(entry.what);
  for (const clock of evidence.clocks) {
    if (clock.explanation !== null)
      expect(evidenceText).toContain(`${clock.name}: how the deadline was worked out`);
  }
});

test('a PDF export shows its progress and can be cancelled while Chromium prints', async ({ app, page }) => {
  test.setTimeout(60_000);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/reports/outstanding', query: { 'demo-cases': '100' } });
  const reports = new ReportsPage(page);
  await reports.waitShown('Outstanding cases');
  const downloads: string[] = [];
  page.on('download', (download) => downloads.push(download.suggestedFilename()));

  await page.getByRole('button', { name: 'Export PDF' }).click();
  await expect(reports.exportStatus.getByRole('progressbar')).toBeVisible();
  await reports.exportStatus.getByRole('button', { name: 'Cancel' }).click();
  await expect(reports.exportStatus.getByRole('status')).toHaveText('Export cancelled.');

  // The next export works, and it is the only file that arrives: the cancelled one never does.
  await reports.exportPdf();
  // The demo desk has open complaints, so the report (and its file name) is marked confidential.
  expect(downloads).toEqual(['CONFIDENTIAL Outstanding cases 2026-03-02.pdf']);
});
