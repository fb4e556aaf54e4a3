import { expect, type Locator, type Page } from '@playwright/test';

/** The app clock in the top bar and its time-travel panel. */
export class TimeTravel {
  readonly trigger: Locator;
  readonly panel: Locator;
  readonly clock: Locator;

  constructor(readonly page: Page) {
    this.trigger = page.getByRole('button', { name: /^App clock:/ });
    this.panel = page.getByRole('dialog', { name: 'Time travel' });
    this.clock = page.getByTestId('app-clock');
  }

  /** The instant the clock shows, as ISO (to the displayed minute when the clock runs). */
  async shownInstant(): Promise<string> {
    const iso = await this.clock.getAttribute('datetime');
    if (!iso) throw new Error('The app clock has no datetime attribute.');
    return iso;
  }

  async expectShows(iso: string): Promise<void> {
    await expect(this.clock).toHaveAttribute('datetime', new Date(iso).toISOString());
  }

  async open(): Promise<void> {
    if (await this.panel.isVisible()) return;
    await this.trigger.click();
    await expect(this.panel).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.panel).toBeHidden();
  }

  async plusHour(): Promise<void> {
    await this.open();
    await this.panel.getByRole('button', { name: '+1 hour' }).click();
  }

  async plusWorkingDay(): Promise<void> {
    await this.open();
    await this.panel.getByRole('button', { name: '+1 working day' }).click();
  }

  async plusDay(): Promise<void> {
    await this.open();
    await this.panel.getByRole('button', { name: '+1 day' }).click();
  }

  /** `local` is a datetime-local value in the browser's zone: "2026-03-16T14:00". */
  async jumpTo(local: string): Promise<void> {
    await this.open();
    await this.panel.getByLabel('Jump to').fill(local);
    await this.panel.getByRole('button', { name: 'Go' }).click();
  }

  async backToRealTime(): Promise<void> {
    await this.open();
    await this.panel.getByRole('button', { name: 'Back to real time' }).click();
  }
}
