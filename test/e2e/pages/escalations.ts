import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningHost } from '../host';

export type QueueTabLabel =
  | 'Desk prompts'
  | 'Manager'
  | 'Director'
  | 'Escalation cases'
  | 'Formal complaints';

/** The escalation queues (#/escalations/<tab>). */
export class EscalationsPage {
  readonly tabs: Locator;

  constructor(readonly page: Page) {
    this.tabs = page.getByRole('navigation', { name: 'Escalation queues' });
  }

  /** Opens the view from the sidebar (its own link: saved views may be named "Escalations" too). */
  async open(): Promise<void> {
    const link = this.page.getByRole('navigation', { name: 'Main' }).locator('a[href="#/escalations"]');
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
  }

  tab(label: QueueTabLabel): Locator {
    return this.tabs.getByRole('link', { name: new RegExp(`^${label}`) });
  }

  async openTab(label: QueueTabLabel): Promise<void> {
    await this.tab(label).click();
    await expect(this.tab(label)).toHaveAttribute('aria-current', 'page');
  }

  /** The open tab's panel (named after the tab). */
  panel(label: QueueTabLabel): Locator {
    return this.page.getByRole('region', { name: label, exact: true });
  }

  /** A case's row in the open tab, by its reference. */
  row(label: QueueTabLabel, ref: string): Locator {
    return this.panel(label)
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: ref }) });
  }

  /** The count a tab shows. */
  async count(label: QueueTabLabel): Promise<number> {
    const text = (await this.tab(label).textContent()) ?? '';
    return Number(/(\d+)\s*$/.exec(text)?.[1] ?? Number.NaN);
  }
}

/** The "Outstanding cases report ready" banner. */
export function reportOffer(page: Page): Locator {
  return page.getByTestId('report-offer');
}

export interface LoggedNotification {
  /** `shown`, or why the host did not show it (`duplicate`, `disabled`). */
  status: string;
  tag: string;
  text: string;
}

/**
 * Every notification the app asked the browser host for, oldest first, from the host's log (the host has no
 * desktop: it logs each request with its tag and outcome).
 */
export async function hostNotifications(host: RunningHost): Promise<LoggedNotification[]> {
  const log = await readFile(join(host.dataDir, 'logs', 'desk-web-host.log'), 'utf8').catch(() => '');
  const line = /\[main:notifications\] (\w+) \[([^\]]*)\] (.*)$/;
  return log.split('\n').flatMap((entry) => {
    const match = line.exec(entry);
    return match ? [{ status: match[1]!, tag: match[2]!, text: match[3]! }] : [];
  });
}
