/**
 * The overdue board in Chromium over a generated desk: every number equals the board shared/reports computes
 * in Node over the same store, a figure's list holds exactly that many cases (and its CSV the same rows), and
 * the board follows the app clock without a reload.
 */

import type { Page } from '@playwright/test';
import { periodFor } from '../../renderer/report-kit/period';
import { parseCsv } from '../../shared/csv';
import {
  type Board,
  boardCase,
  caseHistories,
  count,
  createBoard,
  drillDownRows,
} from '../../shared/reports';
import { expect, test } from './fixtures';
import { BoardPage } from './pages/board';
import { type DeskSnapshot, deskAgeOf, readDeskStore, readText, saveDownload } from './report-files';

const NOW = '2026-03-02T10:00:00Z';
const DAY_MS = 86_400_000;

/** The board the app should show at `now` (compliance over the default period, the last 4 weeks). */
function expectedBoard(store: DeskSnapshot, now: Date): Board {
  const histories = caseHistories(store.cases, store.events, store, now);
  const period = periodFor({ preset: 'last-4-weeks', from: '', to: '' }, now);
  return createBoard(
    histories.map((h) => boardCase(h.case, h.sla)),
    { now, period, age: deskAgeOf(store) },
  );
}

async function shownCounts(board: BoardPage): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const key of await board.figureKeys()) counts[key] = await board.count(key);
  return counts;
}

function expectedCounts(expected: Board, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key, count(expected, key)]));
}

/** Waits until every figure shown equals the board built in Node over the store's rows; returns that board. */
async function matchesStore(board: BoardPage, page: Page, now: Date): Promise<Board> {
  let expected: Board | null = null;
  await expect
    .poll(
      async () => {
        const shown = await shownCounts(board);
        expected = expectedBoard(await readDeskStore(page), now);
        const want = expectedCounts(expected, Object.keys(shown));
        return Object.keys(shown)
          .filter((key) => shown[key] !== want[key])
          .map((key) => `${key}: ${shown[key]} shown, ${want[key]} in Node`);
      },
      { timeout: 15_000 },
    )
    .toEqual([]);
  return expected!;
}

test('every board figure equals its drill-down list and the board computed in Node; it follows the clock', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await app.emulateReducedMotion();
  await app.open({ now: NOW, path: '/board', query: { 'demo-cases': '300' } });
  const board = new BoardPage(page);
  await board.waitLoaded();

  // Every number on the board is the Node board's figure over the app's own rows (polled: other features,
  // such as the escalation runner, may still be changing cases just after the desk opens).
  const expected = await matchesStore(board, page, new Date(NOW));
  const keys = await board.figureKeys();
  expect(keys.length).toBeGreaterThan(40);

  // A few figures of each kind: the list holds exactly the number's cases.
  const firstNonZero = (prefix: string) => keys.find((k) => k.startsWith(prefix) && count(expected, k) > 0);
  const overdueTeam = firstNonZero('overdue/team/')!;
  const picks = [
    'overdue/all/',
    overdueTeam,
    firstNonZero('at-risk/') ?? firstNonZero('overdue/owner/')!,
    firstNonZero('open/age/')!,
    keys.filter((k) => k.startsWith('breaches/week/') && count(expected, k) > 0).at(-1)!,
    firstNonZero('met/policy/')!,
    firstNonZero('breached/target/')!,
  ];
  expect(picks.every(Boolean), picks.join(', ')).toBe(true);
  for (const key of picks) {
    const shown = await board.count(key);
    expect(shown, key).toBeGreaterThan(0);
    expect(await board.open(key), key).toBe(shown);
    await expect(board.rows, key).toHaveCount(shown);
    const refs = drillDownRows(expected, key).map((r) => r.ref);
    expect((await board.refs()).sort(), key).toEqual(refs.sort());
    await board.close();
  }

  // The list's CSV (RFC 4180, BOM) parses back to the list's rows.
  await board.open(overdueTeam);
  const listed = await board.refs();
  const csvFile = await saveDownload(await board.exportCsv(), testInfo);
  const csv = readText(csvFile);
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual([
    'Ref',
    'Subject',
    'Kind',
    'Status',
    'Level',
    'Owner',
    'Team',
    'Received',
    'SLA',
    'Deadline',
  ]);
  expect(rows.map((r) => r[0])).toEqual(listed);
  await board.close();

  // Two days on: ages move and deadlines fall due, without a reload, and still match a board built from scratch.
  const later = new Date(Date.parse(NOW) + 2 * DAY_MS);
  const before = await shownCounts(board);
  await app.timeTravel.plusDay();
  await app.timeTravel.plusDay();
  await app.timeTravel.close();
  await matchesStore(board, page, later);
  expect(await shownCounts(board)).not.toEqual(before);
});
