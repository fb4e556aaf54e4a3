/**
 * The Chromium this project drives (the browser host's PDF printer, the end-to-end tests, the UI benchmark):
 * Debian's package, never a downloaded browser, started with the flags that keep it off the network.
 */
import { existsSync } from 'node:fs';

/** Debian's /usr/bin/chromium unless CHROMIUM_PATH says otherwise. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** The path, or an Error saying which Debian package to install; `purpose` names what needs it. */
export function requireChromium(purpose: string, executablePath = chromiumPath()): string {
  if (!existsSync(executablePath)) {
    throw new Error(
      `${purpose} needs Chromium at ${executablePath}: install the Debian package "chromium" ` +
        '(apt-get install chromium) or set CHROMIUM_PATH. Playwright browser downloads are not used here.',
    );
  }
  return executablePath;
}

/**
 * Launch flags: no sandbox when running as root (Chromium refuses otherwise; it only opens our own pages),
 * and no background traffic, which this machine's closed network would refuse.
 */
export function chromiumArgs(): string[] {
  return [
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}
