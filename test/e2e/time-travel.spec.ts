import { expect, test } from './fixtures';

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
