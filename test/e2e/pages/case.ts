import { expect, type Locator, type Page } from '@playwright/test';

/** One case: header, actions, SLA clocks, composer and timeline. */
export class CasePage {
  readonly subject: Locator;
  readonly status: Locator;
  readonly owner: Locator;
  readonly assignee: Locator;
  readonly actions: Locator;
  readonly clocks: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.subject = page.locator('main h1');
    this.status = page.getByTestId('case-status');
    this.owner = page.getByTestId('case-owner');
    this.assignee = page.getByTestId('case-assignee');
    this.actions = page.getByRole('toolbar', { name: 'Case actions' });
    this.clocks = page.getByTestId('sla-clock');
    this.timeline = page.getByRole('list', { name: 'Timeline' });
  }

  async waitOpen(): Promise<void> {
    await expect(this.actions).toBeVisible();
  }

  /** The reference shown in the header ("Q-10474"). */
  async ref(): Promise<string> {
    return (
      (await this.page
        .locator('main')
        .getByText(/^[QCEF]-[A-Z0-9-]+$/)
        .first()
        .textContent()) ?? ''
    );
  }

  clock(name: string | RegExp): Locator {
    return this.clocks.filter({ hasText: name });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** `s`, pick the status, confirm. */
  async changeStatus(label: string): Promise<void> {
    await this.page.keyboard.press('s');
    const dialog = this.dialog(/^Status of/);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
    await dialog.getByRole('button', { name: 'Change status' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.status).toHaveText(label);
  }
}
