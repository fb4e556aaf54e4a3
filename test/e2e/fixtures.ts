/**
 * The e2e fixtures: `host` is a browser host of its own for each test (free port, fresh temp data folder,
 * stopped and deleted afterwards); `app` is the app shell page object on that host, in the test's fresh
 * browser context. Options: `test.use({ hostEnv: { DESK_NOW: '…' } })`, `test.use({ hostArgs: ['--allow-plain-secrets'] })`.
 *
 *   import { expect, test } from './fixtures';
 *   test('…', async ({ app }) => { await app.open({ now: '2026-03-02T09:30:00Z' }); … });
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { type RunningHost, startHost } from './host';
import { AppShell } from './pages/app-shell';

export interface DeskFixtures {
  hostEnv: Record<string, string>;
  hostArgs: string[];
  host: RunningHost;
  app: AppShell;
  /** Console errors and CSP violations the page reported; checked empty after each test that uses `app`. */
  pageErrors: string[];
}

export const test = base.extend<DeskFixtures>({
  hostEnv: [{}, { option: true }],
  hostArgs: [[], { option: true }],

  host: async ({ hostEnv, hostArgs }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'desk-e2e-'));
    const host = await startHost({ dataDir, env: hostEnv, args: hostArgs });
    try {
      await use(host);
    } finally {
      await host.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('web-host output', { body: host.output(), contentType: 'text/plain' });
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  },

  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },

  app: async ({ page, host, pageErrors }, use) => {
    await use(new AppShell(page, host));
    expect(pageErrors, 'the page reported errors (CSP violations, exceptions)').toEqual([]);
  },
});

export { expect };
