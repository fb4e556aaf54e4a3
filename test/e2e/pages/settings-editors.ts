import { expect, type Locator, type Page } from '@playwright/test';

export interface MovedDeadline {
  ref: string;
  /** The case's address in the app ("#/case/demo-10001"). */
  href: string;
  deadline: string;
  before: string;
  after: string;
  moves: string;
}

/** Settings → edit a policy or a calendar, preview what would move, save. */
export class SettingsEditors {
  /** The review of what would move, once it is shown. */
  readonly review: Locator;
  readonly previewSummary: Locator;

  constructor(readonly page: Page) {
    this.review = page.getByRole('region', { name: 'Deadlines that would move' });
    this.previewSummary = page.getByTestId('preview-summary');
  }

  /** From a policy's or calendar's page (Settings → Policies → Query): its editor. */
  async edit(what: 'policy' | 'calendar'): Promise<void> {
    await this.page.getByRole('link', { name: `Edit ${what}` }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: /^Edit “/ })).toBeVisible();
  }

  get editor(): Locator {
    return this.page.getByRole('form', { name: /^Edit “/ });
  }

  /** A target's or step's group in the policy editor ("First response"). */
  group(name: string): Locator {
    return this.editor.getByRole('group', { name });
  }

  async addHoliday(date: string, name: string): Promise<void> {
    await this.editor.getByLabel('Holiday date').fill(date);
    await this.editor.getByLabel('Holiday name').fill(name);
    await this.editor.getByRole('button', { name: 'Add holiday' }).click();
  }

  /** The editor's list of holidays (past ones only when "Show past holidays" is ticked). */
  get holidays(): Locator {
    return this.editor.getByRole('table', { name: 'Holidays' }).getByRole('row');
  }

  async chooseHolidayFile(path: string): Promise<void> {
    await this.editor.getByLabel('Import holidays from a file').setInputFiles(path);
  }

  get importSummary(): Locator {
    return this.page.getByTestId('import-summary');
  }

  /** Preview changes, and wait until the review answers. */
  async preview(): Promise<void> {
    await this.editor.getByRole('button', { name: 'Preview changes' }).click();
    await expect(this.review).toBeVisible({ timeout: 15_000 });
    await expect(this.review.getByRole('heading', { name: 'Deadlines that would move' })).toBeFocused();
  }

  get movedRows(): Locator {
    return this.review.getByTestId('moved-deadline');
  }

  /** The first listed move of a target deadline (not the escalation ladder's). */
  async firstMovedTarget(): Promise<MovedDeadline> {
    const rows = await this.movedRows.all();
    let ref = '';
    let href = '';
    for (const row of rows) {
      const link = row.getByRole('link');
      if ((await link.count()) > 0) {
        ref = (await link.textContent()) ?? '';
        href = (await link.getAttribute('href')) ?? '';
      }
      const cells = row.getByRole('cell');
      const deadline = (await cells.nth(0).textContent()) ?? '';
      if (/escalation step/i.test(deadline)) continue;
      return {
        ref,
        href,
        deadline,
        before: (await cells.nth(1).textContent()) ?? '',
        after: (await cells.nth(2).textContent()) ?? '',
        moves: (await cells.nth(3).textContent()) ?? '',
      };
    }
    throw new Error('The preview lists no moved target deadline.');
  }

  /** Saves from the review; back on the policy's or calendar's page when done. */
  async save(label: string | RegExp): Promise<void> {
    await this.review.getByRole('button', { name: label }).click();
    await expect(this.review).toBeHidden({ timeout: 20_000 });
    await expect(this.page.getByRole('link', { name: /^Edit (policy|calendar)$/ })).toBeVisible();
  }
}
