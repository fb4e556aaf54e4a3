/**
 * Screenshots of the manager's views for people to look at (test-results/screenshots/*.png; the README shows
 * copies from docs/screenshots). Each checks what it shows first, so a broken view fails here.
 */
import { expect, test } from './fixtures';
import { BoardPage } from './pages/board';
import { ReportsPage } from './pages/reports';

const NOW = '2026-03-02T10:00:00Z';
const shot = (name: string) => `test-results/screenshots/${name}.png`;

test('screenshots of the overdue board, a drill-down and the outstanding-cases report', async ({
  app,
  page,
}) => {
  test.setTimeout(60_000);
  await app.emulateReducedMotion();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await app.open({ now: NOW, path: '/board', query: { 'demo-cases': '1000' } });
  const board = new BoardPage(page);
  await board.waitLoaded();
  await expect(board.figure('overdue/all/')).not.toHaveText('0');
  await page.screenshot({ path: shot('board') });

  await board.open('overdue/all/');
  await page.screenshot({ path: shot('board-drill-down') });
  await board.close();

  await page.evaluate(() => {
    window.location.hash = '#/reports/outstanding';
  });
  const reports = new ReportsPage(page);
  await reports.waitShown('Outstanding cases');
  await expect(
    reports.document.getByRole('img', { name: /^Open and overdue cases per group/ }),
  ).toBeVisible();
  await page.screenshot({ path: shot('report-outstanding') });
});
