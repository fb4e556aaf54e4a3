/**
 * Confidentiality end to end: on a demo desk with confidential complaints, a desk agent without confidential
 * access (Chloe Nguyen) walks every surface that shows cases — the queue and its search, the command palette,
 * a confidential case's address, the escalation queues, the board and a drill-down with its CSV, the
 * outstanding-cases report with its CSV and PDF, and the notifications the ladders send her — and finds none of
 * the words of the confidential cases that are not hers (subject, requester's name, statement). The same
 * checks made first as the desk's owner (nobody named) do find them, so the walk can fail.
 */
import type { Page } from '@playwright/test';
import { maySeeCase } from '../../shared/access';
import type { Case } from '../../shared/domain';
import { expect, test } from './fixtures';
import { BoardPage } from './pages/board';
import { EscalationsPage, hostNotifications } from './pages/escalations';
import { ReportsPage } from './pages/reports';
import { type DeskSnapshot, pdfPageTexts, readSettledStore, readText, saveDownload } from './report-files';

const NOW = '2026-03-02T10:00:00Z';
const AGENT = 'Chloe Nguyen';
const COMPLAINANT = 'Ottoline Vasquez-Brannigan';
const SUBJECT = 'Quince orchard access badge revoked';
const STATEMENT = 'The zephyr turbine sensor logged my badge as stolen twice this week.';

/** The words of a case a person must never meet where they may not see it. */
function wordsOf(kase: Case): string[] {
  const statement = [kase.intake.statement, kase.intake.description, kase.description];
  return [kase.subject, kase.requester.name, ...statement].filter(
    (text): text is string => typeof text === 'string' && text.trim().length >= 8,
  );
}

/**
 * The confidential cases the agent may not see, and their words that appear nowhere she may look (a demo subject
 * can also be a query's: such words prove nothing either way).
 */
function secretsFor(store: DeskSnapshot, agentId: string) {
  const agent = store.people.find((p) => p.id === agentId)!;
  const policyOf = (kase: Case) =>
    store.policies.find((p) => p.id === kase.policyId) ??
    store.policies.find((p) => p.caseKind === kase.kind);
  const hidden = store.cases.filter((c) => !maySeeCase(agent, c, policyOf(c)));
  const seen = store.cases.filter((c) => maySeeCase(agent, c, policyOf(c)));
  const seenText = JSON.stringify(seen);
  const words = [...new Set(hidden.flatMap(wordsOf))].filter((word) => !seenText.includes(word));
  return { agent, hidden, seen, words, policyOf };
}

function expectNoneOf(words: readonly string[], text: string, where: string): void {
  const found = words.filter((word) => text.includes(word));
  expect(found, `${where} shows words of confidential cases`).toEqual([]);
}

async function searchQueue(page: Page, text: string): Promise<string> {
  const search = page.getByRole('searchbox', { name: 'Search cases' });
  await search.fill(text);
  await search.press('Enter');
  // The search answers from its index (built in a worker on first use): wait for the count to settle.
  await expect(page.getByTestId('queue-count')).not.toHaveText(/^$/);
  await page.waitForTimeout(1500);
  // With nothing found the grid gives way to a message that quotes the search: read the view without it.
  return ((await page.locator('main#main').textContent()) ?? '').replaceAll(text, '');
}

test('an agent without confidential access meets no word of a confidential case on any surface', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/queue', query: { 'demo-cases': '150' } });
  await app.queue.waitForRows();

  // ——— as the desk's owner (nobody named): a complaint (confidential by default) in words of its own ———
  await page.evaluate(() => {
    window.location.hash = '#/intake';
  });
  await app.intake.chooseKind('Complaint');
  await app.intake.fill({
    Name: COMPLAINANT,
    Subject: SUBJECT,
    'What happened': STATEMENT,
    'What would you like us to do': 'Restore the marmalade laboratory badge by Friday.',
    'Daytime phone number': '01865 270000',
    'Best time to call you': 'Weekday mornings',
  });
  await app.intake.submit();
  await app.case.waitOpen();
  await expect(app.case.subject).toHaveText(SUBJECT);
  const store = await readSettledStore(page, 30_000);
  const secret = store.cases.find((c) => c.subject === SUBJECT)!;
  expect(secret.confidential).toBe(true);
  const agentId = store.people.find((p) => p.name === AGENT)!.id;
  const { hidden, words, policyOf, agent } = secretsFor(store, agentId);
  expect(hidden.length, 'the demo desk has confidential cases Chloe may not see').toBeGreaterThan(3);
  expect(words).toEqual(expect.arrayContaining([SUBJECT, COMPLAINANT, STATEMENT]));

  // The same checks as Chloe's below find the case here, so they can fail.
  await page.evaluate(() => {
    window.location.hash = '#/queue';
  });
  await app.queue.waitForRows();
  expect(await searchQueue(page, COMPLAINANT)).toContain(secret.ref);
  await page.getByRole('searchbox', { name: 'Search cases' }).fill('');

  // ——— Chloe says who she is ———
  await app.goTo('Settings');
  await app.settings.openSection('Who I am');
  await app.settings.saveWhoIAm({ name: AGENT, role: 'agent', team: 'Service Desk' });

  // The queue: every open case she may see, and not one more; a search finds nothing of the others.
  await app.goTo('Queue');
  await app.queue.chooseView('All open');
  const open = (c: Case) => c.status !== 'resolved' && c.status !== 'closed';
  const visibleOpen = store.cases.filter((c) => open(c) && maySeeCase(agent, c, policyOf(c)));
  expect(visibleOpen.length).toBeLessThan(store.cases.filter(open).length);
  await expect.poll(() => app.queue.total()).toBe(visibleOpen.length);
  expectNoneOf(words, (await app.main.textContent()) ?? '', 'the queue');
  const searched = await searchQueue(page, COMPLAINANT);
  expect(searched).not.toContain(secret.ref);
  expectNoneOf(words, searched, 'a search for a confidential requester');
  expect(await searchQueue(page, secret.ref)).not.toContain(secret.ref);
  await page.getByRole('searchbox', { name: 'Search cases' }).fill('');

  // The command palette.
  await page.keyboard.press('Control+k');
  await expect(app.palette).toBeVisible();
  await page.keyboard.type(COMPLAINANT);
  expectNoneOf(words, (await app.palette.textContent()) ?? '', 'the command palette');
  await page.keyboard.press('Escape');
  await expect(app.palette).toBeHidden();

  // The case's own address: "You can't see this case", nothing of it, nothing to do to it.
  await page.evaluate((id) => {
    window.location.hash = `#/queue/${id}`;
  }, secret.id);
  await expect(app.main.getByRole('heading', { name: "You can't see this case" })).toBeVisible();
  expectNoneOf(words, (await app.main.textContent()) ?? '', 'the case view');
  for (const action of [/^Reply/, /^Assign/, /Lift confidentiality/])
    await expect(app.main.getByRole('button', { name: action })).toHaveCount(0);

  // The ladders move on two working days: the notifications that reach her say nothing of others' complaints.
  await app.timeTravel.jumpTo('2026-03-04T17:00');
  await app.timeTravel.expectShows('2026-03-04T17:00:00Z');
  await app.timeTravel.close();

  // The escalation queues and Desk prompts.
  const queues = new EscalationsPage(page);
  await queues.open();
  for (const tab of [
    'Desk prompts',
    'Manager',
    'Director',
    'Escalation cases',
    'Formal complaints',
  ] as const) {
    await queues.openTab(tab);
    expectNoneOf(words, (await queues.panel(tab).textContent()) ?? '', `Escalations → ${tab}`);
  }

  // The board, and a drill-down of complaints with its CSV.
  const board = new BoardPage(page);
  await app.goTo('Board');
  await board.waitLoaded();
  expectNoneOf(words, (await board.board.textContent()) ?? '', 'the board');
  const keys = await board.figureKeys();
  const drill = keys.find((key) => key.includes('complaint')) ?? keys[0]!;
  await board.open(drill);
  expectNoneOf(words, (await board.drillDown.textContent()) ?? '', `the board's ${drill} list`);
  expectNoneOf(words, readText(await saveDownload(await board.exportCsv(), testInfo)), 'the drill-down CSV');
  await board.close();

  // The outstanding-cases report, its CSV and its PDF.
  const reports = new ReportsPage(page);
  await page.evaluate(() => {
    window.location.hash = '#/reports/outstanding';
  });
  await reports.waitShown('Outstanding cases');
  expectNoneOf(words, (await reports.document.textContent()) ?? '', 'the outstanding-cases report');
  const csv = readText(await saveDownload(await reports.exportCsv('CSV of all cases'), testInfo));
  expect(csv).not.toContain(secret.ref);
  expectNoneOf(words, csv, 'the outstanding-cases CSV');
  const pdf = pdfPageTexts(await saveDownload(await reports.exportPdf(), testInfo)).join('\n');
  expect(pdf).not.toContain(secret.ref);
  expectNoneOf(words, pdf, 'the outstanding-cases PDF');

  // Every notification this desktop showed (only Chloe's: nobody was named before her).
  const notifications = await hostNotifications(app.host);
  expectNoneOf(words, notifications.map((n) => n.text).join('\n'), 'the notifications');
});
