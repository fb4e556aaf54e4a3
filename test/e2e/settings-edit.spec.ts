/**
 * Editing policies and calendars in Settings: every edit is previewed (which open cases' deadlines would move)
 * before it is saved, and a saved edit moves the deadlines the case view shows. Holidays import from the gov.uk
 * file; a broken file says why and changes nothing.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SettingsEditors } from './pages/settings-editors';

// Monday 2 March 2026, 09:30 in London: the demo desk's open cases have deadlines through the week.
const NOW = '2026-03-02T09:30:00Z';
const UK = 'UK office hours (England and Wales)';
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

// Each test seeds a demo desk, previews over it and saves (recomputing every open case), some with axe runs.
test.describe.configure({ timeout: 60_000 });

/** The whole editor (it scrolls inside the view, which a full-page screenshot would not show). */
async function tallScreenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.querySelector('main section')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: size?.width ?? 1360, height: height + 200 });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
  if (size) await page.setViewportSize(size);
}

test('a holiday added to the UK calendar is previewed, saved, and moves a case’s deadline', async ({
  app,
  page,
}) => {
  const editors = new SettingsEditors(page);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/settings' });
  await app.settings.openCalendar(UK);
  await editors.edit('calendar');

  await editors.addHoliday('2026-03-03', 'Desk away day');
  await expect(editors.holidays.filter({ hasText: 'Desk away day' })).toHaveText(/Tue, 3 Mar 2026/);
  await editors.preview();

  await expect(editors.previewSummary).toHaveText(
    /^\d+ of \d+ open cases would have deadlines move \(\d+ deadlines: \d+ later\)\.$/,
  );
  await expect(editors.movedRows.first()).toBeVisible();
  // A holiday can only push deadlines back.
  await expect(editors.review.getByText(/earlier$/)).toHaveCount(0);
  const moved = await editors.firstMovedTarget();
  expect(moved.moves).toMatch(/later$/);
  expect(moved.after).not.toBe(moved.before);
  await editors.review.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/settings-preview.png' });
  await expectAccessible(page, 'calendar editor with the preview');

  await editors.save('Save calendar');
  await expect(page.getByRole('row', { name: /Tue, 3 Mar 2026 Desk away day/ })).toBeVisible();

  await page.goto(new URL(moved.href, page.url()).href);
  await app.case.waitOpen();
  await expect(app.case.clock(moved.deadline)).toContainText(`Due ${moved.after}`);

  // Stored, not just shown: still there after a reload.
  await page.reload();
  await app.case.waitOpen();
  await expect(app.case.clock(moved.deadline)).toContainText(`Due ${moved.after}`);
});

test('discarding a previewed edit leaves the calendar as it was', async ({ app, page }) => {
  const editors = new SettingsEditors(page);
  await app.open({ now: NOW, path: '/settings' });
  await app.settings.openCalendar(UK);
  await editors.edit('calendar');
  await editors.addHoliday('2026-03-03', 'Not really');
  await editors.preview();
  await editors.review.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { level: 2, name: UK })).toBeVisible();
  await expect(page.getByText('Not really')).toHaveCount(0);
});

test('holidays import from a gov.uk file by division; a broken file says why and changes nothing', async ({
  app,
  page,
}) => {
  const editors = new SettingsEditors(page);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/settings' });
  await app.settings.openCalendar(UK);
  await editors.edit('calendar');
  const listed = await editors.holidays.count();

  await editors.chooseHolidayFile(fixture('bank-holidays-broken.json'));
  const problem = editors.editor.getByRole('alert');
  await expect(problem).toHaveText(
    '“bank-holidays-broken.json” could not be imported: gov.uk bank holidays: ' +
      'england-and-wales.events[0].date must be YYYY-MM-DD (a real calendar date) Nothing was changed.',
  );
  await expect(editors.holidays).toHaveCount(listed);

  await editors.chooseHolidayFile(fixture('bank-holidays-small.json'));
  await expect(problem).toHaveCount(0);
  // England and Wales: Good Friday is listed already, the training day is new.
  await expect(editors.importSummary).toHaveText(
    '1 holiday would be added; 1 already listed would stay as they are.',
  );
  await editors.editor.getByLabel('Division').selectOption({ label: 'Scotland (3 holidays)' });
  await expect(editors.importSummary).toHaveText('3 holidays would be added.');
  await expect(editors.editor.getByRole('list', { name: 'Holidays to add' })).toContainText(
    'St Andrew’s Day',
  );
  await expectAccessible(page, 'calendar editor with an import to confirm');
  await tallScreenshot(page, 'settings-calendar-import');

  await editors.editor.getByLabel('Division').selectOption('england-and-wales');
  await editors.editor.getByRole('button', { name: 'Add 1 holiday' }).click();
  await expect(editors.editor.getByRole('status')).toHaveText(
    '1 holiday was added to this edit: preview and save to apply.',
  );
  await expect(editors.holidays).toHaveCount(listed + 1);
  await expect(editors.holidays.filter({ hasText: 'Desk training day' })).toHaveText(/Wed, 4 Mar 2026/);

  await editors.preview();
  await editors.save('Save calendar');
  await expect(page.getByRole('row', { name: /Wed, 4 Mar 2026 Desk training day/ })).toBeVisible();
});

test('a policy edit says what is wrong next to the field, then saves as the next version', async ({
  app,
  page,
}) => {
  const editors = new SettingsEditors(page);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/settings' });
  await app.settings.openPolicy('Query');
  await editors.edit('policy');

  const firstResponse = editors.group('First response');
  await firstResponse.getByLabel('Time allowed', { exact: true }).fill('eight');
  await editors.editor.getByRole('button', { name: 'Preview changes' }).click();
  await expect(firstResponse.getByLabel('Time allowed', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(firstResponse).toContainText('Enter the time allowed as a number, such as 8.');
  await expect(editors.editor.getByRole('alert')).toContainText('One field needs a change');
  await expect(editors.review).toHaveCount(0);
  await expectAccessible(page, 'policy editor with an error');
  await tallScreenshot(page, 'settings-policy-editor');

  await firstResponse.getByLabel('Time allowed', { exact: true }).fill('8');
  await editors.editor.getByLabel('Day counting').selectOption('calendar-days');
  await editors.preview();
  await expect(editors.previewSummary).toContainText('open cases');
  await expect(editors.review.getByRole('cell', { name: /escalation step/i }).first()).toBeVisible();
  await expectAccessible(page, 'policy editor with the preview');

  await editors.save('Save version 2');
  await expect(page.getByRole('heading', { level: 2, name: 'Query version 2' })).toBeVisible();
  await expect(page.getByText('14 days after logging')).toBeVisible();
});

test('the escalation policy’s urgent-channel notice is rewritten, and no deadline moves', async ({
  app,
  page,
}) => {
  const editors = new SettingsEditors(page);
  await app.open({ now: NOW, path: '/settings' });
  await app.settings.openPolicy('Escalation of an existing ticket');
  await editors.edit('policy');
  const notice = editors.editor.getByLabel('Not for emergencies');
  await notice.fill('Not for emergencies. For help now, ring the desk on 0161 555 0100.');
  await editors.preview();
  await expect(editors.previewSummary).toHaveText(/^No open case's deadline would move/);
  await editors.save('Save version 2');
  await expect(page.getByText('For help now, ring the desk on 0161 555 0100.')).toBeVisible();
});

test('an edit never overwrites a version saved in another window meanwhile', async ({
  app,
  page,
  context,
}) => {
  const mine = new SettingsEditors(page);
  await app.open({ now: NOW, path: '/settings/policies/query/edit' });
  await expect(mine.editor).toBeVisible();

  const other = await context.newPage();
  const theirs = new SettingsEditors(other);
  await other.goto(app.url({ now: NOW, path: '/settings/policies/query/edit' }));
  await theirs.editor.getByLabel('Day counting').selectOption('calendar-days');
  await theirs.preview();
  await theirs.save('Save version 2');

  await expect(page.getByRole('alert')).toContainText('Version 2 of this policy was saved in another window');
  await mine.group('First response').getByLabel('Time allowed', { exact: true }).fill('6');
  await mine.preview();
  await mine.review.getByRole('button', { name: 'Save version 2' }).click();
  await expect(mine.review.getByRole('alert')).toContainText(
    'This policy was changed elsewhere (in another window or by someone else) after you started editing, so your changes were not saved.',
  );
  await other.close();
  await page.goto(app.url({ now: NOW, path: '/settings/policies/query' }));
  await expect(page.getByRole('heading', { level: 2, name: 'Query version 2' })).toBeVisible();
  await expect(page.getByText('2 days after logging')).toBeVisible();
  await expect(page.getByRole('cell', { name: '8 working hours' })).toBeVisible();
});
