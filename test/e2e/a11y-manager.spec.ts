/** axe-core on the manager's views: the overdue board (with a drill-down open), the reports and the print route. */
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { BoardPage } from './pages/board';
import { ReportsPage } from './pages/reports';

const NOW = '2026-03-02T10:00:00Z';

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
}

test('the board and the reports have no serious accessibility violations', async ({ app, page }) => {
  test.setTimeout(60_000);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/board', query: { 'demo-cases': '300' } });
  const board = new BoardPage(page);
  await board.waitLoaded();
  await expectAccessible(page, 'overdue board');
  await board.open('overdue/all/');
  await expectAccessible(page, 'drill-down list');
  await board.close();

  const reports = new ReportsPage(page);
  await go(page, '#/reports');
  await expect(page.getByRole('link', { name: 'Outstanding cases' })).toBeVisible();
  await expectAccessible(page, 'reports list');
  for (const [hash, title] of [
    ['#/reports/outstanding', 'Outstanding cases'],
    ['#/reports/compliance', 'SLA compliance'],
    ['#/reports/complaints-register', 'Complaints register'],
  ] as const) {
    await go(page, hash);
    await reports.waitShown(title);
    await expectAccessible(page, title);
  }
  await go(page, '#/print/outstanding');
  await reports.waitShown('Outstanding cases');
  await expectAccessible(page, 'print view');
});
