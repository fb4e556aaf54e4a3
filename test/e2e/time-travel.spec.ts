import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppShell } from './pages/app-shell';

test('?now= sets the app clock, and it stands still there', async ({ app }) => {
  await app.open({ now: '2026-03-02T09:30:00Z' });
  await app.timeTravel.expectShows('2026-03-02T09:30:00Z');
  await expect(app.timeTravel.trigger).toContainText('Mon 2 Mar');
  await expect(app.timeTravel.trigger).toContainText('09:30');
  await expect(app.timeTravel.trigger).toContainText('Time travel');
});

test('the control moves the clock an hour, a working day, a day, and to a date and time', async ({
  app,
  page,
}) => {
  // Friday 6 March 2026, 15:45 in London.
  await app.open({ now: '2026-03-06T15:45:00Z' });

  await app.timeTravel.plusHour();
  await app.timeTravel.expectShows('2026-03-06T16:45:00Z');

  // Over the weekend to Monday, same time.
  await app.timeTravel.plusWorkingDay();
  await app.timeTravel.expectShows('2026-03-09T16:45:00Z');

  await app.timeTravel.plusDay();
  await app.timeTravel.expectShows('2026-03-10T16:45:00Z');

  // Over Good Friday and Easter Monday (bank holidays in England and Wales): Thursday 2 April -> Tuesday 7 April.
  await app.timeTravel.jumpTo('2026-04-02T10:00');
  await app.timeTravel.expectShows('2026-04-02T09:00:00Z');
  await app.timeTravel.plusWorkingDay();
  await app.timeTravel.expectShows('2026-04-07T09:00:00Z');

  // The address keeps the travelled time, so a reload comes back to it.
  expect(new URL(page.url()).searchParams.get('now')).toBe('2026-04-07T09:00:00.000Z');
  await page.reload();
  await app.waitReady();
  await app.timeTravel.expectShows('2026-04-07T09:00:00Z');
});

test('the palette can move the clock too', async ({ app }) => {
  await app.open({ now: '2026-03-02T09:30:00Z' });
  await app.runCommand('Time travel: 1 day on');
  await app.timeTravel.expectShows('2026-03-03T09:30:00Z');
});

test('back to real time follows this computer again', async ({ app }) => {
  await app.open({ now: '2020-01-01T00:00:00Z' });
  await app.timeTravel.backToRealTime();
  const shown = Date.parse(await app.timeTravel.shownInstant());
  expect(Math.abs(shown - Date.now())).toBeLessThan(2 * 60_000);
  await expect(app.timeTravel.trigger).not.toContainText('Time travel');
});

test('a ?now= that is not an instant is explained, and the clock follows this computer', async ({
  app,
  page,
}) => {
  await app.open({ now: 'next tuesday' });
  await expect(page.getByRole('alert')).toContainText('?now=next tuesday is not an ISO 8601 instant');
  const shown = Date.parse(await app.timeTravel.shownInstant());
  expect(Math.abs(shown - Date.now())).toBeLessThan(2 * 60_000);
});

test.describe('with DESK_NOW', () => {
  test.use({ hostEnv: { DESK_NOW: '2026-08-28T15:00:00+01:00' } });

  test('the host prints an address that opens the app at that instant', async ({ app, host, page }) => {
    expect(new URL(host.url).searchParams.get('now')).toBe('2026-08-28T14:00:00.000Z');
    await page.goto(host.url);
    await app.waitReady();
    await app.timeTravel.expectShows('2026-08-28T14:00:00Z');
  });
});

test.describe('time travel never shows the future', () => {
  // Friday 4 September 2026, 10:00 in London; the query "at 28 Aug" would show its September events.
  const SEPTEMBER = '2026-09-04T09:00:00Z';
  const AUGUST = '2026-08-28T14:00:00Z';
  // Each test seeds the demo desk twice.
  test.setTimeout(120_000);

  /** Opens the app at `now` and waits until the demo desk is seeded and its queue shows. */
  async function openSeededDesk(app: AppShell, page: Page, now: string) {
    await app.open({ now });
    await expect(app.queue.rows.first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('demo-seeding')).toBeHidden({ timeout: 60_000 });
  }

  /** Takes the offer in `where` of a fresh demo desk at 28 August, 15:00, and checks the app opens there. */
  async function startFreshDeskInAugust(app: AppShell, page: Page, where: Locator) {
    await where
      .getByRole('button', { name: /^Start a fresh demo desk at Fri,? 28 Aug 2026, 15:00$/ })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('now')).toBe('2026-08-28T14:00:00.000Z');
    await app.waitReady();
    await expect(app.queue.rows.first()).toBeVisible({ timeout: 60_000 });
    await app.timeTravel.expectShows(AUGUST);
  }

  test('a jump to before the desk’s latest change is refused with the reason, and a fresh demo desk is offered there', async ({
    app,
    page,
  }) => {
    await openSeededDesk(app, page, SEPTEMBER);

    await app.timeTravel.jumpTo('2026-08-28T15:00');
    await expect(app.timeTravel.panel).toContainText('This desk already has changes up to');
    await expect(app.timeTravel.panel).toContainText(
      'would show cases with events that have not happened yet',
    );
    await app.timeTravel.expectShows(SEPTEMBER);

    await startFreshDeskInAugust(app, page, app.timeTravel.panel);
    await expect(page.getByTestId('clock-behind-store')).toBeHidden();
  });

  test('opening an existing desk with a ?now= before its latest change says so and starts at that change', async ({
    app,
    page,
  }) => {
    await openSeededDesk(app, page, SEPTEMBER);

    await app.open({ now: AUGUST });
    const notice = page.getByTestId('clock-behind-store');
    await expect(notice).toContainText('This desk already has changes up to');
    await expect(notice).toContainText(/at Fri,? 28 Aug 2026, 15:00 it would show cases with events/);
    const shown = Date.parse(await app.timeTravel.shownInstant());
    expect(shown).toBeGreaterThan(Date.parse(AUGUST));
    expect(shown).toBeLessThanOrEqual(Date.parse(SEPTEMBER));

    await startFreshDeskInAugust(app, page, notice);
    await expect(notice).toBeHidden();
  });
});
