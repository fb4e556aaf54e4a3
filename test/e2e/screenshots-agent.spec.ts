/**
 * Screenshots of the agent's views (test-results/screenshots/*.png), for people to look at: the queue, a case
 * with a clock explained, intake with the staff-name warning, and the escalate dialog. Each checks what it
 * shows first, so a broken view fails here instead of producing a misleading picture.
 */
import { expect, test } from './fixtures';

const NOW = '2026-03-06T15:45:00Z';
const shot = (name: string) => `test-results/screenshots/${name}.png`;

test('screenshots of the queue, a case, intake and the escalate dialog', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, query: { 'demo-cases': '3000' } });
  // The queue shows once the demo desk is written (the seeding banner may not be up yet when the page opens).
  await app.queue.waitForRows(90_000);
  await app.signIn('Ana Patel');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await expect(page.getByRole('toolbar', { name: 'Selected cases' })).toContainText('2 selected');
  await page.screenshot({ path: shot('queue') });
  await page.keyboard.press('Escape');

  const complaint = app.queue.rows.filter({ hasText: /^C-/ }).filter({ hasText: 'Breached' }).first();
  await complaint.getByRole('link').click();
  await app.case.waitOpen();
  await app.case.clocks.getByText('Why this deadline?').last().click();
  await page.screenshot({ path: shot('case') });

  await page.keyboard.press('e');
  await expect(page.getByRole('dialog', { name: /^Escalate/ })).toBeVisible();
  await page.screenshot({ path: shot('escalate') });
  await page.keyboard.press('Escape');

  await app.goTo('New case');
  await app.intake.chooseKind('Formal complaint');
  await app.intake.fill({
    Name: 'Tom Reed',
    Email: 'tom.reed@student.example.ac.uk',
    Subject: 'Printing refund refused',
    'How were your expectations not met': 'Ben Carter told me refunds were not possible and hung up.',
  });
  const warning = app.intake.form.getByRole('alert').filter({ hasText: 'This names staff' });
  await expect(warning).toBeVisible();
  await page.locator('main#main').evaluate((main) => main.scrollBy(0, 260));
  await page.screenshot({ path: shot('intake') });
});
