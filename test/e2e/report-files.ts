/**
 * What the report tests read: the text and page images of an exported PDF (Debian's poppler-utils), the CSV
 * of a download, and the app's own store (raw IndexedDB, read in the page) so the expected figures are
 * computed in Node by shared/reports over exactly the rows the app holds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page, TestInfo } from '@playwright/test';
import type { Case, CaseEvent } from '../../shared/domain';
import type { Policy } from '../../shared/policies';
import { type AgeCounting, deskAgeCounting } from '../../shared/reports';
import type { CalendarSpec } from '../../shared/sla';
import { caseRules, type Person, type Team } from '../../shared/sync';

/** Fails, naming the Debian package, when a poppler tool is missing. */
export function requirePoppler(tool: 'pdftotext' | 'pdftoppm'): void {
  const probe = spawnSync(tool, ['-v'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new Error(
      `${tool} is missing: install the Debian package "poppler-utils" (apt-get install poppler-utils) to check exported PDFs.`,
    );
  }
}

/** The text of each page, in content order, whitespace collapsed (a wrapped cell reads as one line). */
export function pdfPageTexts(file: string): string[] {
  requirePoppler('pdftotext');
  const result = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed on ${file}: ${result.stderr}`);
  const pages = result.stdout.split('\f').map((page) => page.replace(/\s+/g, ' ').trim());
  if (pages.at(-1) === '') pages.pop();
  return pages;
}

/** PNG images of the pages, attached to the test's output (test-results/…) for a person to look at. */
export async function attachPageImages(file: string, testInfo: TestInfo, name: string): Promise<string[]> {
  requirePoppler('pdftoppm');
  const dir = testInfo.outputPath(`${name}-pages`);
  mkdirSync(dir, { recursive: true });
  const result = spawnSync('pdftoppm', ['-png', '-r', '60', file, join(dir, 'page')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftoppm failed on ${file}: ${result.stderr}`);
  const images = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
  for (const [i, image] of images.entries()) {
    await testInfo.attach(`${name} page ${i + 1}`, { path: image, contentType: 'image/png' });
  }
  return images;
}

/** Saves a download into the test's output folder and returns its path. */
export async function saveDownload(download: Download, testInfo: TestInfo): Promise<string> {
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

export interface DeskSnapshot {
  cases: Case[];
  events: CaseEvent[];
  people: Person[];
  teams: Team[];
  policies: Policy[];
  calendars: CalendarSpec[];
}

/** How the desk counts "days open": its query ladder's unit on the desk calendar, as the app does. */
export function deskAgeOf(store: DeskSnapshot): AgeCounting {
  return deskAgeCounting(store.policies, caseRules(store.policies, store.calendars).calendar);
}

/**
 * The store once it has stopped changing (two reads 700 ms apart agree): features such as the escalation
 * runner may still be writing just after the desk opens.
 */
export async function readSettledStore(page: Page, timeoutMs = 15_000): Promise<DeskSnapshot> {
  const until = Date.now() + timeoutMs;
  let previous = JSON.stringify(await readDeskStore(page));
  for (;;) {
    await page.waitForTimeout(700);
    const current = await readDeskStore(page);
    const text = JSON.stringify(current);
    if (text === previous) return current;
    if (Date.now() > until) throw new Error(`The store was still changing after ${timeoutMs} ms.`);
    previous = text;
  }
}

/** Every row the app's store holds, read with the browser's own IndexedDB (the store may stay open). */
export async function readDeskStore(page: Page): Promise<DeskSnapshot> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    try {
      const [cases, events, people, teams, policies, calendars] = await Promise.all(
        ['cases', 'events', 'people', 'teams', 'policies', 'calendars'].map(all),
      );
      // The rows as the app's store wrote them, under the app's own schemas.
      return { cases, events, people, teams, policies, calendars } as DeskSnapshot;
    } finally {
      db.close();
    }
  });
}
