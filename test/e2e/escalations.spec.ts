/**
 * The query escalation timeline end to end, with time travel: a query logged on a Thursday reaches the desk's
 * prompt list on day 2 and day 4, the manager's queue on day 7 and the director's on day 14, each at close of
 * business of that working day; each notification is asked for once (also across reloads); and the
 * fortnightly report is generated once however many of its dates the desk was closed over.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import type { AppShell } from './pages/app-shell';
import { EscalationsPage, hostNotifications, reportOffer } from './pages/escalations';
import type { WhoIAm } from './pages/settings';
import { readDeskStore } from './report-files';

// An empty desk: the presets, the UK calendar and the demo directory, no demo cases.
const EMPTY_DESK = { 'demo-cases': '0' };
const THURSDAY = '2026-03-05T10:00:00Z';
const SCREENSHOTS = 'test-results/screenshots';

async function iAm(app: AppShell, me: WhoIAm): Promise<void> {
  await app.goTo('Settings');
  await app.settings.openSection('Who I am');
  await app.settings.saveWhoIAm(me);
}

/** Logs a query through the intake form and assigns it to Liam Foster; returns its reference. */
async function logQueryForLiam(page: Page): Promise<string> {
  await page
    .getByRole('complementary')
    .getByRole('link', { name: /^New case/ })
    .click();
  const form = page.getByRole('form', { name: 'Log a new case' });
  await form.getByRole('textbox', { name: /^Name/ }).fill('Olivia Hughes');
  await form.getByRole('textbox', { name: 'Email' }).fill('olivia.hughes@example.ac.uk');
  await form.getByRole('textbox', { name: /^Subject/ }).fill('Shared drive mapping fails');
  await form.getByRole('button', { name: 'Log the query' }).click();
  await expect(page).toHaveURL(/#\/queue\/case-/);
  await expect(page.locator('main')).toContainText(/Q-[A-Z]{5}-\d+/);
  const ref = /Q-[A-Z]{5}-\d+/.exec((await page.locator('main').textContent()) ?? '')?.[0];
  if (ref === undefined) throw new Error('The case view shows no query reference.');

  await page.getByRole('button', { name: /^Assign…/ }).click();
  const dialog = page.getByRole('dialog', { name: `Assign ${ref}` });
  await dialog.getByLabel('Assignee').selectOption({ label: 'Liam Foster · Identity and Access' });
  await dialog.getByLabel('Team').selectOption({ label: 'Identity and Access' });
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(dialog).toBeHidden();
  return ref;
}

/** Travels to a London wall-clock time (March 2026 is still GMT) and waits for the shown clock. */
async function travelTo(app: AppShell, local: string): Promise<void> {
  await app.timeTravel.jumpTo(local);
  await app.timeTravel.expectShows(`${local}:00Z`);
  await app.timeTravel.close();
}

/** The notifications whose tag names this step of the case. */
async function notificationsFor(app: AppShell, rule: string) {
  return (await hostNotifications(app.host)).filter((n) => n.tag.includes(`:${rule}:`));
}

test('a query logged on a Thursday reaches the desk on days 2 and 4, the manager on day 7, the director on day 14', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  const queues = new EscalationsPage(page);
  await app.emulateReducedMotion();
  await app.open({ now: THURSDAY, query: EMPTY_DESK, path: '/settings/me' });
  await iAm(app, { name: 'Ana Patel', role: 'agent', team: 'Service Desk' });
  const ref = await logQueryForLiam(page);

  // Day 2 is close of business on Monday 9 March (Friday is day 1; the weekend doesn't count).
  await queues.open();
  await travelTo(app, '2026-03-09T16:59');
  await expect(queues.panel('Desk prompts')).toContainText('No case is waiting');
  await travelTo(app, '2026-03-09T17:00');
  const day2 = queues.row('Desk prompts', ref);
  await expect(day2).toContainText('Day 2: desk prompts the owner');
  await expect(day2).toContainText('Mon, 9 Mar 2026, 17:00');
  await expect(day2).toContainText('Liam Foster');
  await expect.poll(() => notificationsFor(app, 'day-2-desk-prompt')).toHaveLength(1);

  await day2.getByRole('button', { name: `Mark prompted: ${ref}, Liam Foster was told` }).click();
  await expect(day2).toContainText('Ana Patel, Mon, 9 Mar 2026, 17:00');
  await page.screenshot({ path: `${SCREENSHOTS}/escalations-prompts.png` });

  // A reload (and the runner starting again) records and tells nothing twice.
  await page.reload();
  await app.waitReady();
  await expect(queues.row('Desk prompts', ref)).toContainText('Ana Patel, Mon, 9 Mar 2026, 17:00');
  await travelTo(app, '2026-03-10T11:00');
  await expect(queues.row('Desk prompts', ref)).toContainText('Day 2: desk prompts the owner');

  // Day 4: Wednesday 11 March, a new step to prompt for.
  await travelTo(app, '2026-03-11T17:00');
  const day4 = queues.row('Desk prompts', ref);
  await expect(day4).toContainText('Day 4: desk prompts the owner again');
  await expect(day4).toContainText('Wed, 11 Mar 2026, 17:00');
  await expect(day4.getByRole('button', { name: /^Mark prompted: / })).toBeVisible();
  await expect.poll(() => notificationsFor(app, 'day-4-desk-prompt')).toHaveLength(1);
  expect(await queues.count('Manager')).toBe(0);

  // Day 7: Monday 16 March, the service desk manager.
  await iAm(app, { name: 'Rachel Bishop', role: 'manager', team: 'Service Desk' });
  await queues.open();
  await queues.openTab('Manager');
  await travelTo(app, '2026-03-16T16:59');
  await expect(queues.panel('Manager')).toContainText('Nothing has been escalated');
  await travelTo(app, '2026-03-16T17:00');
  const day7 = queues.row('Manager', ref);
  await expect(day7).toContainText('Day 7: service desk manager');
  await expect(day7).toContainText('Mon, 16 Mar 2026, 17:00');
  await expect(day7).toContainText('Liam Foster');
  await expect.poll(() => notificationsFor(app, 'day-7-manager')).toHaveLength(1);
  expect(await queues.count('Director')).toBe(0);
  await page.screenshot({ path: `${SCREENSHOTS}/escalations-manager.png` });
  await page.reload();
  await app.waitReady();
  await expect(queues.row('Manager', ref)).toContainText('Day 7: service desk manager');

  // Day 14: Wednesday 25 March, the director of Identity and Access's division.
  await iAm(app, { name: 'Helen Armstrong', role: 'director', team: 'Digital Services' });
  await queues.open();
  await queues.openTab('Director');
  await travelTo(app, '2026-03-25T17:00');
  const day14 = queues.row('Director', ref);
  await expect(day14).toContainText('Day 14: manager and director');
  await expect(day14).toContainText('Wed, 25 Mar 2026, 17:00');
  await expect.poll(() => notificationsFor(app, 'day-14-director')).toHaveLength(1);
  await page.screenshot({ path: `${SCREENSHOTS}/escalations-director.png` });
  await page.reload();
  await app.waitReady();
  await expect(queues.row('Director', ref)).toBeVisible();

  // The case's timeline says what each step did and whom it told, in words.
  await queues.row('Director', ref).getByRole('link', { name: ref }).click();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('Day 7: service desk manager — told the manager');
  await expect(timeline).toContainText('Day 14: manager and director — told the manager and the director');
  await expect(timeline).not.toContainText('told:');
  await queues.open();
  await travelTo(app, '2026-03-26T10:00');

  // Each step was told to this desktop's person of the day once, and asked of the host once: no duplicates
  // for the host to drop, whatever the reloads and clock moves.
  const told = (await hostNotifications(app.host)).filter((n) => n.tag.startsWith('notice:'));
  expect(told.map((n) => [n.status, n.tag.replace(/^notice:(case-[^:]+:)?/, '')])).toEqual([
    ['shown', 'day-2-desk-prompt:1@person-ana-patel'],
    ['shown', 'day-4-desk-prompt:1@person-ana-patel'],
    // The fortnightly report of Monday 16 March, generated when the clock passed it (at 16:59).
    ['shown', 'outstanding-queries-report:2026-03-16T09:00@person-rachel-bishop'],
    ['shown', 'day-7-manager:1@person-rachel-bishop'],
    ['shown', 'day-14-director:1@person-helen-armstrong'],
  ]);
});

test('the fortnightly report is generated once after the desk was closed over several of its dates', async ({
  app,
  page,
}) => {
  test.setTimeout(60_000);
  const smallDesk = { 'demo-cases': '80' };
  await app.open({ now: THURSDAY, query: smallDesk, path: '/settings/me' });
  await expect(page.getByTestId('demo-seeding')).toBeHidden({ timeout: 20_000 });
  await iAm(app, { name: 'Rachel Bishop', role: 'manager', team: 'Service Desk' });
  await app.goTo('Queue');
  // The schedule starts with the desk: nothing for a fortnight it wasn't running.
  await expect(reportOffer(page)).toBeHidden();
  // The desk's background work starts just after the first paint; let it record the schedule's start.
  await expect.poll(() => scheduleMarks(page)).toBeGreaterThan(0);

  // Closed over Mondays 16 March, 30 March and 13 April: one report on the next start.
  await page.goto(app.url({ now: '2026-04-14T10:00:00Z', query: smallDesk, path: '/queue' }));
  await app.waitReady();
  const offer = reportOffer(page);
  await expect(offer).toContainText('Outstanding cases report ready');
  await expect(offer).toContainText('one report for 3 dates missed while Desk was closed');
  // It reports every query still open.
  const open = await openQueries(page);
  expect(open).toBeGreaterThan(0);
  await expect(offer).toContainText(`: ${open} open,`);
  const reports = async () =>
    (await hostNotifications(app.host)).filter((n) => n.text.startsWith('Outstanding cases report ready'));
  await expect.poll(reports).toHaveLength(1);
  // Mailed to the manager, and escalated to the line manager of every owner with an open query and to the
  // director of each of their divisions (worked out here from the directory and the open queries).
  const runId = 'outstanding-queries-report:2026-04-13T09:00';
  const store = await readDeskStore(page);
  const person = (id: string | null) => store.people.find((p) => p.id === id);
  const owners = store.cases
    .filter((c) => c.kind === 'query' && !['resolved', 'closed'].includes(c.status))
    .map((c) => person(c.ownerId ?? c.assigneeId))
    .filter((p) => p !== undefined);
  const divisions = new Set(owners.map((p) => p.division));
  const expectedTo = new Set([
    'rachel.bishop@example.ac.uk',
    ...owners.map((p) => person(p.lineManagerId)?.email).filter((e) => e !== undefined),
    ...store.people.filter((p) => p.role === 'director' && divisions.has(p.division)).map((p) => p.email),
  ]);
  const mailed = await outboundReportMail(page);
  expect(mailed.map((m) => m.to).sort()).toEqual([...expectedTo].sort());
  expect(mailed.every((m) => m.reportRunId === runId)).toBe(true);
  expect(mailed.length).toBeGreaterThan(3);

  await page.reload();
  await app.waitReady();
  await expect(offer).toBeVisible();
  await app.timeTravel.plusDay();
  await app.timeTravel.close();
  await page.screenshot({ path: `${SCREENSHOTS}/escalations-report-offer.png` });
  expect(await reports()).toHaveLength(1);
  expect(await outboundReportMail(page)).toHaveLength(mailed.length);

  // A query logged since: the report now has one more, the run keeps the figures it announced.
  await logQueryForLiam(page);
  await offer.getByRole('link', { name: 'Open the report' }).click();
  expect(decodeURIComponent(await app.currentPath())).toBe(`/reports/outstanding/run/${runId}`);
  await expect(offer).toBeHidden();
  const document = page.getByRole('main');
  await expect(document).toContainText(`${open} open cases in`);
  await expect(document).toContainText('14 Apr 2026, 11:00 (Europe/London)');
  await expect(document).toContainText('Working days open');
  // The report as it is now is a click away, with today's time.
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Outstanding cases' })
    .click();
  expect(await app.currentPath()).toBe('/reports/outstanding');
  await expect(document).toContainText('15 Apr 2026, 11:00 (Europe/London)');
  await expect(document).not.toContainText('14 Apr 2026, 11:00');
});

/** How many scheduled jobs this desk has started the schedule of, read from the page's own store. */
function scheduleMarks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const keys = db.transaction('meta').objectStore('meta').getAllKeys();
          keys.onsuccess = () => {
            resolve(keys.result.filter((key) => String(key).startsWith('scheduled-job:')).length);
            db.close();
          };
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

/** The report mail waiting for the mail channel, read from the page's own store. */
function outboundReportMail(page: Page): Promise<{ to: string; reportRunId: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('outboundMessages').objectStore('outboundMessages').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { to: string; reportRunId?: string }[])
                .filter((m) => m.reportRunId !== undefined)
                .map((m) => ({ to: m.to, reportRunId: m.reportRunId! })),
            );
          };
        };
      }),
  );
}

test('the queues on the demo desk: every tab by keyboard, accessible, a prompt recorded with the keyboard', async ({
  app,
  page,
}) => {
  test.setTimeout(60_000);
  const queues = new EscalationsPage(page);
  await app.emulateReducedMotion();
  // The default demo desk (500 cases) has cases in every queue on this day.
  await app.open({ now: THURSDAY, path: '/escalations' });
  await expect(page.getByTestId('demo-seeding')).toBeHidden({ timeout: 20_000 });

  const tabs = ['Desk prompts', 'Manager', 'Director', 'Escalation cases', 'Formal complaints'] as const;
  for (const [index, label] of tabs.entries()) {
    await page.keyboard.press(String(index + 1));
    await expect(queues.tab(label)).toHaveAttribute('aria-current', 'page');
    await expect(queues.panel(label).getByRole('table')).toBeVisible();
    await expectAccessible(page, label, 'main');
    const file = ['prompts', 'manager', 'director', 'tickets', 'complaints'][index];
    if (index >= 3) await page.screenshot({ path: `${SCREENSHOTS}/escalations-${file}.png` });
  }

  // The first prompt waiting, recorded without the mouse.
  await page.keyboard.press('1');
  const button = queues
    .panel('Desk prompts')
    .getByRole('button', { name: /^Mark prompted: .* was told$/ })
    .first();
  const name = (await button.getAttribute('aria-label')) ?? '';
  await button.focus();
  await page.keyboard.press('Enter');
  const [, ref, person] = /^Mark prompted: (\S+), (.*) was told$/.exec(name) ?? [];
  await expect(queues.panel('Desk prompts').getByRole('status')).toHaveText(
    `Recorded: ${person} was prompted about ${ref}.`,
  );
});

/** How many queries the page's own store holds open. */
function openQueries(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('cases').objectStore('cases').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { open: number; kind: string }[]).filter(
                (c) => c.open === 1 && c.kind === 'query',
              ).length,
            );
          };
        };
      }),
  );
}
