/**
 * The browser host's `renderToPdf`: the host's own Chromium (Debian's, through playwright-core) opens the app's
 * print route with this run's token, as the person's browser does, and prints it with `page.pdf`. The browser
 * starts on the first export and stops after a minute without one; each job gets a fresh context (an empty
 * profile: the print route needs nothing from the person's browser but the job it fetches over the bridge).
 */
import type { Browser } from 'playwright-core';
import type { Logger } from '../services/log';
import type { RenderToPdf } from '../services/pdf';
import { chromiumArgs, chromiumPath, requireChromium } from './chromium';

export interface ChromiumPrinterOptions {
  /** Debian's /usr/bin/chromium unless CHROMIUM_PATH says otherwise. */
  executablePath?: string;
  log: Logger;
  /** Close the browser after this long without a job (default 60 s). */
  idleMs?: number;
}

export interface ChromiumPrinter {
  renderToPdf: RenderToPdf;
  close(): Promise<void>;
}

export function createChromiumPrinter(options: ChromiumPrinterOptions): ChromiumPrinter {
  const { log } = options;
  const executablePath = options.executablePath ?? chromiumPath();
  const idleMs = options.idleMs ?? 60_000;
  let browser: Promise<Browser> | null = null;
  let active = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const launch = async (): Promise<Browser> => {
    requireChromium('PDF export', executablePath);
    const { chromium } = await import('playwright-core');
    const launched = await chromium.launch({
      executablePath,
      headless: true,
      args: [...chromiumArgs(), '--font-render-hinting=none'],
    });
    launched.on('disconnected', () => {
      browser = null;
    });
    log.info(`Started Chromium ${launched.version()} for PDF export.`);
    return launched;
  };

  const stopSoon = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (active === 0) void stop();
    }, idleMs);
    idleTimer.unref?.();
  };

  const stop = async () => {
    clearTimeout(idleTimer);
    const current = browser;
    browser = null;
    if (current) await (await current.catch(() => null))?.close();
  };

  const renderToPdf: RenderToPdf = async (url, print, { ready, signal }) => {
    active++;
    clearTimeout(idleTimer);
    try {
      browser ??= launch();
      const started = browser;
      let current: Browser;
      try {
        current = await started;
      } catch (error) {
        if (browser === started) browser = null;
        throw error;
      }
      signal.throwIfAborted();
      // A4 at 96 dpi: the page lays out at the width it prints at.
      const context = await current.newContext({ viewport: { width: 794, height: 1123 } });
      const close = () => void context.close().catch(() => {});
      signal.addEventListener('abort', close, { once: true });
      try {
        const page = await context.newPage();
        page.on('pageerror', (error) => log.warn(`Print route: ${error.message}`));
        await page.goto(url, { waitUntil: 'load' });
        await ready;
        const pdf = await page.pdf({
          format: 'A4',
          landscape: print.landscape,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: print.headerTemplate,
          footerTemplate: print.footerTemplate,
          margin: {
            top: `${print.marginsMm.top}mm`,
            right: `${print.marginsMm.right}mm`,
            bottom: `${print.marginsMm.bottom}mm`,
            left: `${print.marginsMm.left}mm`,
          },
          tagged: print.tagged,
          outline: print.tagged,
        });
        return new Uint8Array(pdf);
      } finally {
        signal.removeEventListener('abort', close);
        close();
      }
    } finally {
      active--;
      if (active === 0) stopSoon();
    }
  };

  return { renderToPdf, close: stop };
}
