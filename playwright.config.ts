/**
 * End-to-end tests in Debian's Chromium against the browser host (`npm run web`). Each test gets its own host
 * on a free port with a fresh data folder, and a fresh browser profile (see test/e2e/fixtures.ts).
 */
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, requireChromium } from './electron/web-host/chromium';

const executablePath = requireChromium('The end-to-end suite');

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // One retry in CI absorbs a slow machine's timing; a real failure fails twice and still fails the run.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['line']] : [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1360, height: 820 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: chromiumArgs(),
    },
  },
  projects: [{ name: 'chromium' }],
});
