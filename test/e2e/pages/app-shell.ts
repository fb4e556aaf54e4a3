/**
 * The app shell: sidebar, top bar, status bar, command palette and shortcuts dialog. Views have page objects
 * of their own (settings.ts, time-travel.ts, queue.ts, case.ts, intake.ts), reachable from here.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningHost } from '../host';
import { CasePage } from './case';
import { IntakePage } from './intake';
import { QueuePage } from './queue';
import { SettingsPage } from './settings';
import { TeamServerPage } from './team-server';
import { TimeTravel } from './time-travel';

export interface OpenOptions {
  /** `?now=`: the app clock's instant. */
  now?: string;
  /** The hash route, e.g. "/settings/me". */
  path?: string;
  /** Extra query parameters (e.g. { 'demo-cases': '500' }). */
  query?: Record<string, string>;
}

export class AppShell {
  readonly sidebar: Locator;
  readonly main: Locator;
  readonly statusBar: Locator;
  readonly timeTravel: TimeTravel;
  readonly settings: SettingsPage;
  readonly queue: QueuePage;
  readonly case: CasePage;
  readonly intake: IntakePage;
  readonly teamServer: TeamServerPage;

  constructor(
    readonly page: Page,
    readonly host: RunningHost,
  ) {
    this.sidebar = page.getByRole('navigation', { name: 'Main' });
    this.main = page.locator('main#main');
    this.statusBar = page.getByRole('contentinfo');
    this.timeTravel = new TimeTravel(page);
    this.settings = new SettingsPage(page);
    this.queue = new QueuePage(page);
    this.case = new CasePage(page);
    this.intake = new IntakePage(page);
    this.teamServer = new TeamServerPage(page);
  }

  /** The host's tokenised address with the given options, as a person would open it. */
  url(options: OpenOptions = {}): string {
    const url = new URL(this.host.url);
    if (options.now) url.searchParams.set('now', options.now);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    if (options.path) url.hash = options.path;
    return url.href;
  }

  /** Animations off (prefers-reduced-motion), so screenshots and checks see overlays fully drawn. */
  async emulateReducedMotion(): Promise<void> {
    await this.page.emulateMedia({ reducedMotion: 'reduce' });
  }

  /** Opens the app and waits until the shell is up and talking to the host. */
  async open(options: OpenOptions = {}): Promise<void> {
    await this.page.goto(this.url(options));
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.sidebar).toBeVisible();
    await expect(this.page.getByTestId('sync-status')).toBeVisible();
    // Settings arrive over the bridge: the sidebar's identity card shows them once it answered.
    await expect(this.page.getByRole('link', { name: /Who are you\?|·/ })).toBeVisible();
  }

  /** A destination in the sidebar (not one of the queue's saved views listed under "Queue"). */
  navLink(label: string): Locator {
    return this.sidebar
      .locator(':scope > ul > li > a')
      .and(this.sidebar.getByRole('link', { name: new RegExp(`^${label}`) }));
  }

  async goTo(label: 'Queue' | 'New case' | 'Escalations' | 'Board' | 'Reports' | 'Settings'): Promise<void> {
    await this.navLink(label).click();
    await expect(this.navLink(label)).toHaveAttribute('aria-current', 'page');
  }

  /** The route in the address bar ("/queue"). */
  async currentPath(): Promise<string> {
    return new URL(this.page.url()).hash.replace(/^#/, '');
  }

  get palette(): Locator {
    return this.page.getByRole('dialog', { name: 'Command palette' });
  }

  get shortcutsDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  /** Opens the palette with Ctrl+K, runs the command with this label, and waits for the palette to close. */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.palette).toBeVisible();
    await this.page.keyboard.type(label);
    await expect(this.palette.getByRole('option', { name: label, exact: false }).first()).toBeVisible();
    await this.page.keyboard.press('Enter');
    await expect(this.palette).toBeHidden();
  }

  /** Says who is using the app (Settings → Who I am), then comes back to the queue. */
  async signIn(name = 'Ana Patel', team = 'Service Desk'): Promise<void> {
    await this.goTo('Settings');
    await this.settings.saveWhoIAm({ name, role: 'agent', team });
    await this.goTo('Queue');
    await this.queue.waitForRows();
  }

  /** Online, Offline, Syncing…, Signed out or Local only, as the status bar says. */
  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }

  /** The outbox count the status bar shows. */
  async outboxCount(): Promise<number> {
    const text = (await this.page.getByTestId('outbox-count').textContent()) ?? '';
    const match = /(\d+)/.exec(text);
    if (!match) throw new Error(`The status bar shows no outbox count: "${text}".`);
    return Number(match[1]);
  }
}
