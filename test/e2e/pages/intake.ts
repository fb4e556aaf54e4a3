import { expect, type Locator, type Page } from '@playwright/test';

/** Logging a new case: a form per kind. */
export class IntakePage {
  readonly form: Locator;
  readonly kinds: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Log a new case' });
    this.kinds = page.getByRole('navigation', { name: 'Kind of case' });
  }

  async chooseKind(label: 'Query' | 'Complaint' | 'Escalation' | 'Formal complaint'): Promise<void> {
    await this.kinds.getByRole('link', { name: label, exact: true }).click();
    await expect(this.kinds.getByRole('link', { name: label, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }

  /** A text field by its label (radio choices such as the channel "Email" are not fields here). */
  field(label: string | RegExp): Locator {
    return this.form.getByRole('textbox', { name: label });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      await this.field(new RegExp(`^${label.replace(/[?()]/g, '\\$&')}`)).fill(value);
    }
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: /^Log the / }).click();
  }

  get alert(): Locator {
    return this.form.getByRole('alert').first();
  }
}
