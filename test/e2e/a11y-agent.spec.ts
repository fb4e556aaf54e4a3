import { expectAccessible } from './axe';
import { expect, test } from './fixtures';

const NOW = '2026-03-06T15:45:00Z';

test('the queue, a case and intake have no serious accessibility violations', async ({ app, page }) => {
  // Five axe runs of a second or more each, after the host starts: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  await app.emulateReducedMotion();
  await app.open({ now: NOW });
  await app.signIn('Ana Patel');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByRole('toolbar', { name: 'Selected cases' })).toBeVisible();
  await expectAccessible(page, 'queue with a selection');

  await page.keyboard.press('s');
  await expect(page.getByRole('dialog', { name: /^Status of/ })).toBeVisible();
  await expectAccessible(page, 'status dialog');
  await page.keyboard.press('Escape');

  const complaint = app.queue.rows.filter({ hasText: /^C-/ }).first();
  await complaint.getByRole('link').click();
  await app.case.waitOpen();
  await page.getByText('Why this deadline?').first().click();
  await expectAccessible(page, 'case');
  await page.keyboard.press('e');
  await expect(page.getByRole('dialog', { name: /^Escalate/ })).toBeVisible();
  await expectAccessible(page, 'escalate dialog');
  await page.keyboard.press('Escape');

  await app.goTo('New case');
  await app.intake.chooseKind('Formal complaint');
  await app.intake.submit();
  await expect(app.intake.alert).toBeVisible();
  await expectAccessible(page, 'intake with errors');
});
