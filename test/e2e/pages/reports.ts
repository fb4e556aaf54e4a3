import { type Download, expect, type Locator, type Page } from '@playwright/test';

export type ReportName = 'outstanding' | 'compliance' | 'complaints-register' | 'evidence';

/** The reports (#/reports/<report>): the document on screen, its exports and their progress. */
export class ReportsPage {
  readonly document: Locator;
  readonly exportStatus: Locator;

  constructor(readonly page: Page) {
    this.document = page.getByTestId('report-document');
    this.exportStatus = page.getByTestId('export-status');
  }

  async waitShown(title: string | RegExp): Promise<void> {
    await expect(this.document.getByRole('heading', { level: 1 })).toHaveText(title, { timeout: 20_000 });
  }

  /** Exports the report shown to PDF; resolves with the browser's download. */
  async exportPdf(): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByRole('button', { name: 'Export PDF' }).click();
    const done = await download;
    await expect(this.exportStatus.getByRole('status')).toContainText(/Downloaded “.+\.pdf” \(\d+ pages?\)/);
    return done;
  }

  /** A CSV: `button` is its accessible name ("CSV of all cases", "Export CSV: Summary"). */
  async exportCsv(button: string): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: button, exact: true }).click();
    return download;
  }

  async chooseCase(reference: string): Promise<void> {
    await this.page.getByLabel('Case reference').fill(reference);
    await this.page.getByRole('button', { name: 'Show' }).click();
  }
}
