import { expect, type Locator, type Page } from '@playwright/test';

export interface WhoIAm {
  name: string;
  role: 'agent' | 'manager' | 'director';
  team: string;
}

/** Settings: who I am, policies, calendars, about. */
export class SettingsPage {
  readonly sections: Locator;
  readonly whoIAm: Locator;

  constructor(readonly page: Page) {
    this.sections = page.getByRole('navigation', { name: 'Settings sections' });
    this.whoIAm = page.getByRole('form', { name: 'Who I am' });
  }

  async openSection(name: 'Who I am' | 'Policies' | 'Calendars' | 'About'): Promise<void> {
    await this.sections.getByRole('link', { name }).click();
    await expect(this.sections.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  }

  async fillWhoIAm(me: Partial<WhoIAm>): Promise<void> {
    if (me.name !== undefined) await this.whoIAm.getByLabel('Name').fill(me.name);
    if (me.role !== undefined) await this.whoIAm.getByLabel('Role').selectOption(me.role);
    if (me.team !== undefined) await this.whoIAm.getByLabel('Team').fill(me.team);
  }

  async saveWhoIAm(me: WhoIAm): Promise<void> {
    await this.fillWhoIAm(me);
    await this.whoIAm.getByRole('button', { name: 'Save' }).click();
    await expect(this.whoIAm.getByRole('status')).toHaveText('Saved.');
  }

  async whoIAmValues(): Promise<WhoIAm> {
    return {
      name: await this.whoIAm.getByLabel('Name').inputValue(),
      role: (await this.whoIAm.getByLabel('Role').inputValue()) as WhoIAm['role'],
      team: await this.whoIAm.getByLabel('Team').inputValue(),
    };
  }

  /** Opens a policy's detail from the list by its name. */
  async openPolicy(name: string): Promise<void> {
    await this.openSection('Policies');
    await this.page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) })).toBeVisible();
  }

  async openCalendar(name: string): Promise<void> {
    await this.openSection('Calendars');
    await this.page.getByRole('link', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) }).click();
    await expect(this.page.getByRole('heading', { level: 2, name })).toBeVisible();
  }
}
