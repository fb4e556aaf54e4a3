import { expectAccessible } from './axe';
import { expect, test } from './fixtures';

test('the shell and its overlays have no serious accessibility violations', async ({ app, page }) => {
  // Several axe runs of a second or more each: more than the default 30 s on a busy machine.
  test.setTimeout(60_000);
  await app.emulateReducedMotion();
  await app.open({ now: '2026-03-02T09:30:00Z' });
  await expectAccessible(page, 'queue (coming soon)');

  await app.timeTravel.open();
  await expectAccessible(page, 'time travel panel');
  await app.timeTravel.close();

  await page.keyboard.press('Control+k');
  await expect(app.palette).toBeVisible();
  await expectAccessible(page, 'command palette');
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(app.shortcutsDialog).toBeVisible();
  await expectAccessible(page, 'shortcuts dialog');
  await page.keyboard.press('Escape');
});

test('settings have no serious accessibility violations', async ({ app, page }) => {
  await app.emulateReducedMotion();
  await app.open({ now: '2026-03-02T09:30:00Z', path: '/settings/me' });
  await expectAccessible(page, 'who I am');
  await app.settings.whoIAm.getByRole('button', { name: 'Save' }).click();
  await expect(app.settings.whoIAm).toContainText('Enter your name.');
  await expectAccessible(page, 'who I am with errors');

  await app.settings.openSection('Policies');
  await expectAccessible(page, 'policies');
  await app.settings.openPolicy('Formal complaint');
  await expectAccessible(page, 'formal complaint policy');
  await app.settings.openCalendar('UK office hours (England and Wales)');
  await expectAccessible(page, 'calendar');
  await app.settings.openSection('About');
  await expect(page.getByText('Browser host (npm run web)')).toBeVisible();
  await expectAccessible(page, 'about');
});
