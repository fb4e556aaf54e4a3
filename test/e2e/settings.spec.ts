import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('"who I am" is saved through the shell and is still there after a reload', async ({
  app,
  page,
  host,
}) => {
  await app.open({ path: '/settings/me' });
  await expect(page.getByRole('link', { name: /Who are you\?/ })).toBeVisible();

  await app.settings.saveWhoIAm({ name: 'Priya Shah', role: 'manager', team: 'IT Service Desk' });
  await expect(app.sidebar.page().getByRole('link', { name: /Priya Shah/ })).toContainText(
    'Service desk manager · IT Service Desk',
  );

  await page.reload();
  await app.waitReady();
  // The form fills in once the shell has answered, so wait for it rather than read the first paint.
  await expect
    .poll(() => app.settings.whoIAmValues())
    .toEqual({
      name: 'Priya Shah',
      role: 'manager',
      team: 'IT Service Desk',
    });

  const file = JSON.parse(await readFile(join(host.dataDir, 'settings.json'), 'utf8'));
  expect(file.settings.me).toEqual({ name: 'Priya Shah', role: 'manager', team: 'IT Service Desk' });
});

test('"who I am" says what is missing instead of saving it', async ({ app }) => {
  await app.open({ path: '/settings/me' });
  await app.settings.fillWhoIAm({ name: '  ', role: 'director', team: '' });
  await app.settings.whoIAm.getByRole('button', { name: 'Save' }).click();
  await expect(app.settings.whoIAm.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.settings.whoIAm).toContainText('Enter your name.');
  await expect(app.settings.whoIAm).toContainText('Enter your team');
  await expect(app.settings.whoIAm.getByRole('status')).toHaveText('');
});

test('policies and calendars can be read, list and detail', async ({ app, page }) => {
  await app.open({ now: '2026-03-02T09:30:00Z', path: '/settings' });

  await app.settings.openPolicy('Query');
  await expect(page.getByText('Day 14: manager and director')).toBeVisible();
  await expect(page.getByText('14 working days after logging')).toBeVisible();

  await app.settings.openPolicy('Formal complaint');
  await expect(page.getByRole('heading', { name: 'Deadlines' })).toBeVisible();

  await page.getByRole('link', { name: /UK office hours/ }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'UK office hours (England and Wales)' }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /Fri, 3 Apr 2026 Good Friday/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Saturday Closed/ })).toBeVisible();
});

test('a change of "who I am" in one window shows at once in another', async ({
  app,
  page,
  host,
  context,
}) => {
  await app.open({ path: '/settings/me' });
  const other = await context.newPage();
  await other.goto(host.url);
  await expect(other.getByRole('link', { name: /Who are you\?/ })).toBeVisible();

  await app.settings.saveWhoIAm({ name: 'Tom Okafor', role: 'agent', team: 'Service Desk' });
  await expect(other.getByRole('link', { name: /Tom Okafor/ })).toContainText('Agent · Service Desk');
  await expect(page.getByRole('link', { name: /Tom Okafor/ })).toBeVisible();
});
