/**
 * Two people on one desk server, each with their own browser host (the sync client runs in the host process)
 * and browser context: a change by one shows for the other within 2 s; with the server down both keep
 * working, and once it is back everything converges and a conflicting change is shown as a sync problem.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { type DeskServer, type Person, startDeskServer } from './desk-server';
import { expect, test } from './fixtures';
import { startHost } from './host';
import { AppShell } from './pages/app-shell';

interface Desk {
  app: AppShell;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/** A person's own host (plain-file secrets: no keyring in plain Node) and browser context, signed in. */
async function deskFor(browser: Browser, server: DeskServer, person: Person): Promise<Desk> {
  const dataDir = await mkdtemp(join(tmpdir(), 'desk-e2e-team-'));
  const host = await startHost({ dataDir, args: ['--allow-plain-secrets'] });
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const app = new AppShell(page, host);
  await app.open({ path: '/settings/server' });
  await app.teamServer.connect(server.url, person.email, person.password);
  return {
    app,
    page,
    errors,
    async close() {
      await context.close();
      await host.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function logQuery(desk: Desk, subject: string): Promise<void> {
  await desk.page.goto(desk.app.url({ path: '/intake/query' }));
  await desk.app.intake.fill({ Name: 'Grace Cooper', Email: 'grace.cooper@example.ac.uk', Subject: subject });
  await desk.app.intake.submit();
  await desk.app.case.waitOpen();
  await expect(desk.app.case.subject).toHaveText(subject);
}

async function addNote(desk: Desk, text: string): Promise<void> {
  await desk.page.keyboard.press('n');
  const composer = desk.page.getByRole('region', { name: 'Reply or note' });
  await composer.getByRole('textbox', { name: 'Internal note' }).fill(text);
  await composer.getByRole('button', { name: 'Add note' }).click();
  await expect(desk.app.case.timeline).toContainText(text);
}

async function openCase(desk: Desk, subject: string): Promise<void> {
  await desk.page.goto(desk.app.url({ path: '/queue' }));
  await desk.app.queue.rows.filter({ hasText: subject }).getByRole('link').first().click();
  await desk.app.case.waitOpen();
}

test.describe('two people on one desk server', () => {
  test.describe.configure({ timeout: 180_000 });
  let server: DeskServer;
  const desks: Desk[] = [];

  test.beforeEach(async () => {
    server = await startDeskServer();
  });
  test.afterEach(async ({ browser: _browser }, testInfo) => {
    for (const desk of desks.splice(0)) {
      expect(desk.errors, 'a page reported errors').toEqual([]);
      await desk.close();
    }
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('desk server output', { body: server.output(), contentType: 'text/plain' });
    await server.dispose();
  });

  test("a case one logs shows in the other's queue within 2 seconds", async ({ browser }) => {
    const [ann, ben] = [await server.addPerson('Ann Agent'), await server.addPerson('Ben Agent')];
    const annDesk = await deskFor(browser, server, ann);
    const benDesk = await deskFor(browser, server, ben);
    desks.push(annDesk, benDesk);
    await benDesk.page.goto(benDesk.app.url({ path: '/queue' }));
    await expect(benDesk.page.getByRole('link', { name: /Ben Agent/ })).toBeVisible();

    await logQuery(annDesk, 'VPN drops every hour');
    // Made (committed with its outbox entry) when the case opened: from here the other desk has 2 seconds.
    await expect(benDesk.app.queue.rows.filter({ hasText: 'VPN drops every hour' })).toBeVisible({
      timeout: 2_000,
    });
    await expect.poll(() => annDesk.app.outboxCount()).toBe(0);

    // The audit log says who logged it and from which device.
    await openCase(benDesk, 'VPN drops every hour');
    const history = benDesk.page.getByTestId('case-history');
    await history.getByRole('button', { name: 'History' }).click();
    await expect(history.getByRole('row').nth(1)).toContainText('Logged the case');
    await expect(history.getByRole('row').nth(1)).toContainText('Ann Agent');
  });

  test('with the server down both keep working; back up, they converge and the conflict is shown', async ({
    browser,
  }) => {
    const [ann, ben] = [await server.addPerson('Ann Agent'), await server.addPerson('Ben Agent')];
    const annDesk = await deskFor(browser, server, ann);
    const benDesk = await deskFor(browser, server, ben);
    desks.push(annDesk, benDesk);
    await logQuery(annDesk, 'Printer queue stuck');
    await openCase(benDesk, 'Printer queue stuck');

    await server.stop();
    for (const desk of [annDesk, benDesk])
      await expect(desk.app.syncStatus).toHaveText('Offline', { timeout: 20_000 });

    // Both carry on: a note each, and both put the case on "Waiting on requester" (only one can be first).
    await addNote(annDesk, 'Ann phoned the requester');
    await annDesk.app.case.changeStatus('Waiting on requester');
    await addNote(benDesk, 'Ben checked the print server');
    await benDesk.app.case.changeStatus('Waiting on requester');
    expect(await annDesk.app.outboxCount()).toBe(2);
    expect(await benDesk.app.outboxCount()).toBe(2);
    const history = annDesk.page.getByTestId('case-history');
    await history.getByRole('button', { name: 'History' }).click();
    await expect(history).toContainText('History needs the desk server: it shows once you are back online.');

    await server.start();
    for (const desk of [annDesk, benDesk]) {
      await expect(desk.app.syncStatus).toHaveText('Online', { timeout: 30_000 });
      await expect.poll(() => desk.app.outboxCount(), { timeout: 30_000 }).toBe(0);
      // Everyone's notes, whoever made them, on both desks.
      await expect(desk.app.case.timeline).toContainText('Ann phoned the requester', { timeout: 10_000 });
      await expect(desk.app.case.timeline).toContainText('Ben checked the print server', { timeout: 10_000 });
      await expect(desk.app.case.status).toHaveText('Waiting on requester');
    }

    // The second status change reached a case already waiting: refused, and said so, not swallowed.
    const problems = [annDesk, benDesk].map((desk) => desk.page.getByTestId('sync-problems'));
    await expect.poll(async () => (await problems[0]!.count()) + (await problems[1]!.count())).toBe(1);
    const refused = (await problems[0]!.count()) === 1 ? annDesk : benDesk;
    await expect(refused.page.getByTestId('sync-problems')).toHaveText('Sync problems (1)');
    await refused.page.getByTestId('sync-problems').click();
    const dialog = refused.page.getByRole('dialog', { name: 'Sync problems' });
    await expect(dialog).toContainText('Changed the status');
    await expect(dialog).toContainText(/already/);
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog).toContainText('No sync problems');
  });
});
