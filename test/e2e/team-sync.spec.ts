/**
 * Two people on one desk server, each with their own browser host (the sync client runs in the host process)
 * and browser context: a change by one shows for the other within 2 s; with the server down both keep
 * working, and once it is back everything converges and a conflicting change is shown as a sync problem.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { call } from '../support/server';
import { expectAccessible } from './axe';
import { type DeskServer, type Person, startDeskServer } from './desk-server';
import { expect, test } from './fixtures';
import { startHost } from './host';
import { AppShell } from './pages/app-shell';

interface Desk {
  app: AppShell;
  page: Page;
  errors: string[];
  /** The session token the host keeps (plain-file secrets), to revoke it behind the app's back. */
  token(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A person's own host (plain-file secrets: no keyring in plain Node) and browser context, signed in. With
 * `standaloneCases` the desk first runs standalone with that many demo cases, as a desk that joins a server.
 */
async function deskFor(
  browser: Browser,
  server: DeskServer,
  person: Person,
  standaloneCases = 0,
): Promise<Desk> {
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
  await app.open({ path: '/settings/server', query: { 'demo-cases': String(standaloneCases) } });
  // This computer's own desk is seeded as it opens: connecting before that ends leaves it part-written (the
  // offer to copy it then counts fewer cases, or none, on a loaded machine).
  if (standaloneCases > 0)
    await page.waitForFunction(() => performance.getEntriesByName('desk:store-open').length > 0, null, {
      timeout: 30_000,
    });
  await app.teamServer.connect(server.url, person.email, person.password);
  return {
    app,
    page,
    errors,
    async token() {
      const file = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as {
        secrets: Record<string, { data: string }>;
      };
      return Buffer.from(file.secrets['sync-token']!.data, 'base64').toString('utf8');
    },
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
  // A loaded machine (other suites, benchmarks) can take a while to open a case: the point here is sync.
  await expect(desk.app.case.actions).toBeVisible({ timeout: 20_000 });
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
  await expect(desk.app.case.actions).toBeVisible({ timeout: 20_000 });
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
    await expectAccessible(annDesk.page, 'team server panel, connected');
    // Connected, the app clock is the server-corrected real time: no time travel.
    await benDesk.page.getByTestId('app-clock-button').click();
    await expect(benDesk.page.getByTestId('time-travel-off')).toContainText('Time travel is off');
    await expect(benDesk.page.getByRole('button', { name: '+1 hour' })).toHaveCount(0);
    await benDesk.page.keyboard.press('Escape');

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
    await expectAccessible(benDesk.page, 'case with its history');

    // Signed out behind the app's back: it says so, stops syncing, keeps the cases; signing in again resumes.
    const revoked = await call(server.url, '/v1/sessions/current', {
      method: 'DELETE',
      token: await annDesk.token(),
    });
    expect(revoked.status).toBe(204);
    await addNote(annDesk, 'Written after the session ended');
    await expect(annDesk.page.getByTestId('signed-out-banner')).toContainText(
      'You were signed out of the desk server: sign in again.',
      { timeout: 10_000 },
    );
    await expect(annDesk.app.syncStatus).toHaveText('Signed out');
    expect(await annDesk.app.outboxCount()).toBe(1);
    await expect(annDesk.app.case.timeline).toContainText('Written after the session ended');
    await annDesk.page
      .getByTestId('signed-out-banner')
      .getByRole('link', { name: /Sign in/ })
      .click();
    await expectAccessible(annDesk.page, 'team server panel, signed out');
    const form = annDesk.app.teamServer.form;
    await expect(form.getByLabel('Email')).toHaveValue(ann.email);
    await form.getByLabel('Password').fill(ann.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(annDesk.app.syncStatus).toHaveText('Online', { timeout: 20_000 });
    await expect(annDesk.page.getByTestId('outbox-count')).toHaveText('0 changes waiting', {
      timeout: 20_000,
    });
    await expect(benDesk.app.case.timeline).toContainText('Written after the session ended', {
      timeout: 5_000,
    });

    // Signing out and removing the data leaves this computer with its own desk only.
    await annDesk.page.goto(annDesk.app.url({ path: '/settings/server' }));
    await annDesk.page.getByRole('button', { name: 'Sign out…' }).click();
    const signOut = annDesk.page.getByRole('dialog', { name: 'Sign out of the desk server' });
    await signOut.getByRole('radio', { name: 'Remove it' }).check();
    // The app reloads on this computer's own desk once the data is gone.
    const reloaded = annDesk.page.waitForEvent('load', { timeout: 30_000 });
    await signOut.getByRole('button', { name: 'Sign out', exact: true }).click();
    await reloaded;
    await expect(annDesk.app.syncStatus).toHaveText('Local only', { timeout: 20_000 });
    const stores = await annDesk.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(stores).toEqual(['desk']);
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
    await expect(refused.page.getByTestId('case-sync-problem')).toContainText(
      'The desk server refused a change to this case',
    );
    await refused.page.getByTestId('sync-problems').click();
    const dialog = refused.page.getByRole('dialog', { name: 'Sync problems' });
    await expect(dialog).toContainText('Changed the status');
    await expect(dialog).toContainText(/already/);
    await expectAccessible(refused.page, 'sync problems dialog');
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog).toContainText('No sync problems');
    await refused.page.keyboard.press('Escape');
    await expect(refused.page.getByTestId('case-sync-problem')).toHaveCount(0);
  });
});

test.describe('a standalone desk joining an empty server', () => {
  test.describe.configure({ timeout: 180_000 });

  test("copies its cases to the server, and another person's desk gets them", async ({ browser }) => {
    const server = await startDeskServer();
    const desks: Desk[] = [];
    try {
      const manager = await server.addPerson('Mia Manager', 'manager');
      const mia = await deskFor(browser, server, manager, 12);
      desks.push(mia);
      const offer = mia.page.getByTestId('import-offer');
      await expect(offer).toContainText("this computer's own desk has 12", { timeout: 30_000 });
      await offer.getByRole('button', { name: "Copy this desk's cases to the server" }).click();
      await expect(mia.page.getByTestId('import-progress')).toContainText(
        "This computer's desk has been copied to the server.",
        { timeout: 60_000 },
      );
      await mia.page.goto(mia.app.url({ path: '/queue' }));
      await expect(mia.app.queue.rows.first()).toBeVisible({ timeout: 20_000 });

      // A colleague who signs in afterwards starts from the server's store, which now has the desk's cases.
      const colleague = await server.addPerson('Sam Manager', 'manager');
      const sam = await deskFor(browser, server, colleague);
      desks.push(sam);
      await expect(sam.page.getByTestId('import-offer')).toHaveCount(0);
      await sam.page.goto(sam.app.url({ path: '/queue' }));
      await expect(sam.app.queue.rows.first()).toBeVisible({ timeout: 20_000 });
      expect(await sam.app.queue.total()).toBe(await mia.app.queue.total());
      for (const desk of desks) expect(desk.errors, 'a page reported errors').toEqual([]);
    } finally {
      for (const desk of desks) await desk.close();
      await server.dispose();
    }
  });
});

test('a standalone desk offers the team server panel, explains a failed connect, and still travels in time', async ({
  app,
  page,
}) => {
  await app.emulateReducedMotion();
  await app.open({ path: '/settings/server' });
  await expect(app.syncStatus).toHaveText('Local only');
  const form = app.teamServer.form;
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByLabel('Server address')).toHaveAccessibleDescription(
    /Enter the desk server's address/,
  );
  await form.getByLabel('Server address').fill('ftp://desk.example.org');
  await form.getByLabel('Email').fill('ann@desk.test');
  await form.getByLabel('Password').fill('secret');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByLabel('Server address')).toHaveAccessibleDescription(/starts with https:\/\//);
  await expectAccessible(page, 'team server panel with an error');
  await app.timeTravel.open();
  await expect(page.getByRole('button', { name: '+1 hour' })).toBeVisible();
});
