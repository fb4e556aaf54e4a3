import { expect, test } from './fixtures';

test('the app opens on the shell, with every destination reachable and none broken', async ({
  app,
  page,
}) => {
  await app.open();

  await expect(page).toHaveTitle('Desk');
  for (const label of ['Queue', 'New case', 'Escalations', 'Board', 'Reports', 'Settings']) {
    await expect(app.navLink(label)).toBeVisible();
  }
  // The queue is the default destination.
  await expect(app.navLink('Queue')).toHaveAttribute('aria-current', 'page');
  await expect(app.main.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();

  await app.goTo('Escalations');
  await expect(app.main.getByRole('heading', { level: 1, name: 'Escalations' })).toBeVisible();
  expect(await app.currentPath()).toBe('/escalations');

  for (const [label, heading] of [
    ['Board', 'Overdue board'],
    ['Reports', 'Reports'],
  ] as const) {
    await app.goTo(label);
    await expect(app.main.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    expect(await app.currentPath()).toBe(`/${label.toLowerCase()}`);
  }
  await app.goTo('Settings');
  await expect(app.main.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await expect(app.page.getByTestId('sync-status')).toHaveText('Local only');
  expect(await app.outboxCount()).toBe(0);
});

test('the access token leaves the address bar at once and survives a reload of the tab', async ({
  app,
  page,
}) => {
  await app.open();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);

  await page.reload();
  await app.waitReady();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an unknown address lands on the queue', async ({ app, page }) => {
  await app.open({ path: '/no-such-view' });
  await expect(app.navLink('Queue')).toHaveAttribute('aria-current', 'page');
  expect(await app.currentPath()).toBe('/queue');
  await expect(page.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();
});
