import { expect, type Locator, type Page } from '@playwright/test';

/** The queue: the grid of cases, its toolbar (search, filters) and bulk actions. */
export class QueuePage {
  readonly grid: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('queue-grid');
    this.rows = this.grid.locator('tbody tr[data-case-id]');
    this.search = page.getByRole('searchbox', { name: 'Search cases' });
    this.count = page.getByTestId('queue-count');
  }

  /**
   * Waits until the grid shows rows (the store is open and the view read); give a demo desk being seeded longer
   * (the queue shows once it is written).
   */
  async waitForRows(timeout = 20_000): Promise<void> {
    await expect(this.rows.first()).toBeVisible({ timeout });
  }

  /** How many cases the view holds, from the grid's aria-rowcount. */
  async total(): Promise<number> {
    return Number(await this.grid.getAttribute('aria-rowcount'));
  }

  row(ref: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name: ref, exact: true }) });
  }

  get activeRow(): Locator {
    return this.grid.locator('tbody tr[data-case-id][class*="active"]');
  }

  /** The references of the rows on screen, top to bottom. */
  async visibleRefs(): Promise<string[]> {
    const rows = await this.rows.evaluateAll((trs) =>
      trs
        .map((tr) => ({
          top: tr.getBoundingClientRect().top,
          ref: tr.querySelector('a')?.textContent ?? '',
        }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.ref),
    );
    return rows;
  }

  /** The SLA states of the rows on screen, top to bottom. */
  async visibleStates(): Promise<string[]> {
    return this.rows.evaluateAll((trs) =>
      trs
        .map((tr) => ({ top: tr.getBoundingClientRect().top, state: tr.getAttribute('data-sla') ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.state),
    );
  }

  column(name: string): Locator {
    return this.grid.getByRole('columnheader', { name });
  }

  async chooseView(name: string): Promise<void> {
    await this.page
      .getByRole('list', { name: 'Saved views' })
      .getByRole('link', { name: new RegExp(`^${name}`) })
      .click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
}
