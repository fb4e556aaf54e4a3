/**
 * Screenshots of the shell's views for people to look at (test-results/screenshots/*.png). Each also checks
 * what it shows, so a broken view fails here rather than producing a misleading picture.
 */
import { expect, test } from './fixtures';

const NOW = '2026-03-06T15:45:00Z';
const shot = (name: string) => `test-results/screenshots/${name}.png`;

test('screenshots of the shell, settings, time travel and the palette', async ({ app, page }) => {
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/settings/me' });
  await app.settings.saveWhoIAm({ name: 'Priya Shah', role: 'agent', team: 'IT Service Desk' });
  await app.goTo('Queue');
  await page.screenshot({ path: shot('shell-queue') });

  await app.timeTravel.open();
  await page.screenshot({ path: shot('time-travel') });
  await app.timeTravel.close();

  await page.keyboard.press('Control+k');
  await expect(app.palette).toBeVisible();
  await page.screenshot({ path: shot('command-palette') });
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(app.shortcutsDialog).toBeVisible();
  await page.screenshot({ path: shot('shortcuts') });
  await page.keyboard.press('Escape');

  await app.goTo('Settings');
  await page.screenshot({ path: shot('settings-who-i-am') });
  await app.settings.openPolicy('Query');
  await page.screenshot({ path: shot('settings-policy-query'), fullPage: true });
  await app.settings.openPolicy('Formal complaint');
  await page.screenshot({ path: shot('settings-policy-formal-complaint') });
  await app.settings.openCalendar('UK office hours (England and Wales)');
  await page.screenshot({ path: shot('settings-calendar') });
});
