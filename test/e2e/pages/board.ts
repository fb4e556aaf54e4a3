import { type Download, expect, type Locator, type Page } from '@playwright/test';

/** The overdue board (#/board) and its drill-down lists. */
export class BoardPage {
  readonly board: Locator;
  readonly drillDown: Locator;

  constructor(readonly page: Page) {
    this.board = page.getByTestId('board');
    this.drillDown = page.getByRole('dialog');
  }

  async waitLoaded(): Promise<void> {
    await expect(this.board).toBeVisible({ timeout: 20_000 });
  }

  /** The number on the board for a figure key (e.g. "overdue/team/team-service-desk"). */
  figure(key: string): Locator {
    return this.board.locator(`button[data-figure="${key}"]`);
  }

  async count(key: string): Promise<number> {
    return Number(await this.figure(key).textContent());
  }

  /** Every figure key on the board, in page order. */
  async figureKeys(): Promise<string[]> {
    return this.board
      .locator('button[data-figure]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-figure') ?? ''));
  }

  /** Opens a figure's list; returns the count the list says it holds. */
  async open(key: string): Promise<number> {
    await this.figure(key).click();
    await expect(this.drillDown).toBeVisible();
    const text = (await this.drillDown.getByTestId('drill-count').textContent()) ?? '';
    return Number(/^(\d+)/.exec(text)?.[1] ?? Number.NaN);
  }

  /** The list's case rows (references first). */
  get rows(): Locator {
    return this.drillDown.locator('tbody tr');
  }

  async refs(): Promise<string[]> {
    return this.rows.locator('td:first-child').allTextContents();
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.drillDown.getByRole('button', { name: 'Export CSV' }).click();
    return download;
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.drillDown).toBeHidden();
  }
}
