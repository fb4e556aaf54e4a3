import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Team server: connect, the connection's state, sign out. */
export class TeamServerPage {
  readonly section: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('team-server');
    this.form = page.getByRole('form', { name: 'Connect to a desk server' });
  }

  /** Fills the form and connects; the app reloads on the server's store and says it is online. */
  async connect(serverUrl: string, email: string, password: string): Promise<void> {
    await this.form.getByLabel('Server address').fill(serverUrl);
    await this.form.getByLabel('Email').fill(email);
    await this.form.getByLabel('Password').fill(password);
    await this.form.getByRole('button', { name: 'Connect' }).click();
    await expect(this.section.getByTestId('team-server-url')).toHaveText(serverUrl, { timeout: 20_000 });
    await expect(this.page.getByTestId('sync-status')).toHaveText('Online', { timeout: 20_000 });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Team server' })
      .click();
    await expect(this.section).toBeVisible();
  }
}
