/**
 * The manager's overdue board as an incremental aggregation. Every figure is a cell holding the Set of
 * the case ids behind it, so a figure is its drill-down list's length by construction. The board also
 * remembers, per case, the cells it counts in: one case's change leaves those cells and joins its new
 * ones, touching nothing else. See docs/decisions.md ("The overdue board") for how each figure counts.
 */
import type { Case, CaseSlaState } from '../domain/case';
import { isOpenStatus } from '../domain/vocabulary';
import { formatDay } from '../sla/calendar';
import type { SlaClock } from '../sla/clock-types';
import { zoneTable } from '../sla/zone';
import { formatInstant, instantMs } from '../time';
import { type AgeCounting, dayMark, ELAPSED_DAYS } from './age';
import { DAY_MS, DEFAULT_REPORT_TIME_ZONE, normalizePeriod, ownerOf, type ReportPeriod, toMs } from './model';

/** What a clock contributes to the board (a shared/sla SlaClock is one). */
export type ClockOutcome = Pick<SlaClock, 'targetId' | 'kind' | 'state' | 'dueAt' | 'metAt'>;

/** One case as the board reads it: the case row's fields plus its SLA at the time the row was made. */
export interface BoardCase
  extends Pick<
    Case,
    | 'id'
    | 'ref'
    | 'subject'
    | 'kind'
    | 'policyId'
    | 'status'
    | 'ownerId'
    | 'assigneeId'
    | 'teamId'
    | 'escalationLevel'
    | 'receivedAt'
  > {
  /** Only some people may see the case (shared/access): a report that lists it is marked confidential. */
  confidential?: boolean;
  /** The case's overall SLA state (breached and at-risk count clocks still owed only). */
  slaState: CaseSlaState;
  /** Earliest deadline still owed, past or future. */
  dueAt: Date | null;
  clocks: readonly ClockOutcome[];
}

/** A board row from a case and its computed SLA (`computeCaseSla(...)`); null SLA: a case without clocks. */
export function boardCase(
  kase: Case,
  sla: { state: CaseSlaState; dueAt: Date | null; clocks: readonly ClockOutcome[] } | null,
): BoardCase {
  return {
    id: kase.id,
    ref: kase.ref,
    subject: kase.subject,
    kind: kase.kind,
    policyId: kase.policyId,
    status: kase.status,
    ownerId: kase.ownerId,
    assigneeId: kase.assigneeId,
    teamId: kase.teamId,
    escalationLevel: kase.escalationLevel,
    receivedAt: kase.receivedAt,
    confidential: kase.confidential,
    slaState: sla?.state ?? 'none',
    dueAt: sla?.dueAt ?? null,
    clocks: sla?.clocks ?? [],
  };
}

/*
 * Cell keys: `${metric}/${dimension}/${value}`. Metrics and dimensions never contain "/", so the value
 * is everything after the second one (a policy/target pair keeps its own "/"). A missing owner or team
 * is the empty value: ids are never empty.
 */

/**
 * `overdue` / `at-risk`: open cases by their SLA state. `open`: open cases (by age). `breaches`: cases
 * with a clock that breached in that week. `met` / `breached`: compliance over the board's period.
 */
export const BOARD_METRICS = ['overdue', 'at-risk', 'open', 'breaches', 'met', 'breached'] as const;
export type BoardMetric = (typeof BOARD_METRICS)[number];
export const BOARD_DIMENSIONS = [
  'all',
  'owner',
  'team',
  'level',
  'kind',
  'policy',
  'age',
  'week',
  'target',
] as const;
export type BoardDimension = (typeof BOARD_DIMENSIONS)[number];

export interface CellKeyParts {
  metric: BoardMetric;
  dimension: BoardDimension;
  /** '' for `all` and for a missing owner or team. */
  value: string;
}

export function cellKey(
  metric: BoardMetric,
  dimension: BoardDimension,
  value: string | number | null = '',
): string {
  return `${metric}/${dimension}/${value ?? ''}`;
}

export function parseCellKey(key: string): CellKeyParts | null {
  const first = key.indexOf('/');
  const second = key.indexOf('/', first + 1);
  if (first < 0 || second < 0) return null;
  const metric = key.slice(0, first) as BoardMetric;
  const dimension = key.slice(first + 1, second) as BoardDimension;
  if (!BOARD_METRICS.includes(metric) || !BOARD_DIMENSIONS.includes(dimension)) return null;
  return { metric, dimension, value: key.slice(second + 1) };
}

/**
 * Age of open cases in the ladder's unit (`AgeCounting`); the boundaries are the query ladder's days, so a
 * query in "7–14 days" is one whose day-7 step has fallen due and whose day-14 step has not.
 */
export const AGE_BUCKETS = [
  { id: '0-2', label: '0–2 days', fromDays: 0 },
  { id: '2-4', label: '2–4 days', fromDays: 2 },
  { id: '4-7', label: '4–7 days', fromDays: 4 },
  { id: '7-14', label: '7–14 days', fromDays: 7 },
  { id: '14+', label: '14+ days', fromDays: 14 },
] as const;
export type AgeBucketId = (typeof AGE_BUCKETS)[number]['id'];

/** The instants a case received at `receivedMs` enters each age bucket after the first. */
export function ageMarks(counting: AgeCounting, receivedMs: number): number[] {
  return AGE_BUCKETS.slice(1).map((b) => dayMark(counting, receivedMs, b.fromDays));
}

/** The age bucket at `nowMs` of a case whose `ageMarks` are `marks`. */
export function ageBucket(marks: readonly number[], nowMs: number): AgeBucketId {
  for (let i = marks.length - 1; i >= 0; i--) if (nowMs >= marks[i]!) return AGE_BUCKETS[i + 1]!.id;
  return AGE_BUCKETS[0].id;
}

interface Cell {
  readonly key: string;
  readonly ids: Set<string>;
  /** The lookup map that finds this cell, and its key there (to forget the cell when it empties). */
  readonly index: Map<string | number, Cell>;
  readonly lookup: string | number;
}

interface Placement {
  row: BoardCase;
  /** When it enters each age bucket after the first (`ageMarks`); empty when it is not open. */
  ageMarks: number[];
  /** Every cell the case counts in, each once. */
  cells: Cell[];
  /** Its age cell while open, else null (the only cell that moves with the clock). */
  ageCell: Cell | null;
}

/**
 * (metric, dimension) pairs the board fills, each with its own value → cell map, so placing a case looks
 * cells up by the row's own id strings instead of building a key string per figure.
 */
const SLOTS = [
  ['overdue', 'all'],
  ['overdue', 'owner'],
  ['overdue', 'team'],
  ['overdue', 'level'],
  ['overdue', 'kind'],
  ['overdue', 'policy'],
  ['at-risk', 'all'],
  ['at-risk', 'owner'],
  ['at-risk', 'team'],
  ['at-risk', 'level'],
  ['at-risk', 'kind'],
  ['at-risk', 'policy'],
  ['open', 'all'],
  ['open', 'age'],
  ['breaches', 'week'],
  ['met', 'all'],
  ['met', 'policy'],
  ['met', 'target'],
  ['breached', 'all'],
  ['breached', 'policy'],
  ['breached', 'target'],
] as const satisfies readonly (readonly [BoardMetric, BoardDimension])[];
const OVERDUE = 0;
const AT_RISK = 6;
const OPEN_ALL = 12;
const OPEN_AGE = 13;
const BREACH_WEEK = 14;
const MET = 15;
const BREACHED = 18;
/** Offsets from OVERDUE / AT_RISK, and from MET / BREACHED. */
const ALL = 0;
const OWNER = 1;
const TEAM = 2;
const LEVEL = 3;
const KIND = 4;
const POLICY = 5;
const BY_POLICY = 1;
const BY_TARGET = 2;

export interface BoardOptions {
  /** The board's present: ages are counted to it. */
  now: Date | string;
  /** Compliance counts clocks decided (met, or breached) in [from, to). */
  period: { from: Date | string; to: Date | string };
  /** Weeks for the breach chart start on Monday 00:00 here. Default Europe/London. */
  timeZone?: string;
  /** How ages are counted: the query ladder's unit on the desk calendar (`deskAgeCounting`). Default elapsed days. */
  age?: AgeCounting;
}

/** The board's figures live inside; read them with the functions below. */
export interface Board {
  readonly timeZone: string;
  readonly period: ReportPeriod;
  /** ISO instant of the board's present. */
  readonly now: string;
  /** How its ages are counted. */
  readonly age: AgeCounting;
  /** Bumped by every change to a figure or to a row behind one (for views that memoise). */
  readonly version: number;
}

/** What a Board is inside. */
interface BoardState extends Board {
  timeZone: string;
  now: string;
  version: number;
  nowMs: number;
  fromMs: number;
  toMs: number;
  zone: ReturnType<typeof zoneTable>;
  cells: Map<string, Cell>;
  slots: Map<string | number, Cell>[];
  /** Target cells by slot, policy id and target id: no key string is built per clock. */
  targetSlots: Map<number, Map<string, Map<string | number, Cell>>>;
  /** The cases counted in at least one figure (most finished cases count in none and are not kept). */
  placed: Map<string, Placement>;
  /** Scratch list for placing one case. */
  scratch: Cell[];
}

/** The board over `rows` (every case of the desk, open or finished). */
export function createBoard(rows: Iterable<BoardCase>, options: BoardOptions): Board {
  const period = normalizePeriod(options.period);
  const timeZone = options.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
  const nowMs = toMs(options.now);
  if (!Number.isFinite(nowMs)) throw new RangeError('The board needs a valid now.');
  const board: BoardState = {
    timeZone,
    period,
    now: formatInstant(nowMs),
    age: options.age ?? ELAPSED_DAYS,
    version: 0,
    nowMs,
    fromMs: instantMs(period.from),
    toMs: instantMs(period.to),
    zone: zoneTable(timeZone),
    cells: new Map(),
    slots: SLOTS.map(() => new Map()),
    targetSlots: new Map([
      [MET + BY_TARGET, new Map()],
      [BREACHED + BY_TARGET, new Map()],
    ]),
    placed: new Map(),
    scratch: [],
  };
  for (const row of rows) {
    const placement = place(board, row);
    if (placement === null) continue;
    if (board.placed.has(row.id)) throw new RangeError(`Case ${row.id} is on the board twice.`);
    for (const cell of placement.cells) cell.ids.add(row.id);
    board.placed.set(row.id, placement);
  }
  return board;
}

/**
 * One case changed: `previous` is the row as it was (null for a new case), `next` as it is now (null when
 * it left the board, e.g. lost to a permission change). The board keeps its own record of where each
 * case counts, so it needs `previous` only to know which case left. Returns the keys of the cells whose
 * figures changed.
 */
export function updateBoard(board: Board, previous: BoardCase | null, next: BoardCase | null): string[] {
  const state = internals(board);
  const id = next?.id ?? previous?.id;
  if (id === undefined) return [];
  if (previous !== null && next !== null && previous.id !== next.id) {
    throw new RangeError(`updateBoard got case ${previous.id} before and ${next.id} after.`);
  }
  const old = state.placed.get(id);
  const oldCells = old?.cells ?? [];
  const placement = next === null ? null : place(state, next);
  const newCells = placement?.cells ?? [];
  const touched: string[] = [];
  for (const cell of oldCells) {
    if (newCells.includes(cell)) continue;
    cell.ids.delete(id);
    if (cell.ids.size === 0) dropCell(state, cell);
    touched.push(cell.key);
  }
  for (const cell of newCells) {
    if (oldCells.includes(cell)) continue;
    cell.ids.add(id);
    touched.push(cell.key);
  }
  if (placement === null) state.placed.delete(id);
  else state.placed.set(id, placement);
  if (old !== undefined || placement !== null) state.version++;
  return touched;
}

/**
 * The board's present moves: open cases change age bucket as they get older (nothing else on the board
 * depends on the clock; SLA states come in as row updates when the store recomputes them). Returns the
 * keys of the cells whose figures changed.
 */
export function advanceBoard(board: Board, now: Date | string): string[] {
  const state = internals(board);
  const nowMs = toMs(now);
  if (!Number.isFinite(nowMs)) throw new RangeError('advanceBoard needs a valid now.');
  state.nowMs = nowMs;
  state.now = formatInstant(nowMs);
  const touched = new Set<string>();
  // Only open cases have an age (moving one between age cells leaves this set as it is).
  const open = state.cells.get(cellKey('open', 'all'))?.ids ?? new Set<string>();
  for (const id of open) {
    const placement = state.placed.get(id)!;
    const from = placement.ageCell!;
    const to = cellAt(state, OPEN_AGE, ageBucket(placement.ageMarks, nowMs));
    if (to === from) continue;
    from.ids.delete(id);
    if (from.ids.size === 0) dropCell(state, from);
    to.ids.add(id);
    placement.cells[placement.cells.indexOf(from)] = to;
    placement.ageCell = to;
    touched.add(from.key).add(to.key);
  }
  if (touched.size > 0) state.version++;
  return [...touched];
}

/** Exactly the ids of the cases behind a figure (empty for a figure of zero or an unknown key). */
export function drillDown(board: Board, key: string): string[] {
  const cell = internals(board).cells.get(key);
  return cell === undefined ? [] : [...cell.ids];
}

/** The rows behind a figure, for the drill-down list. */
export function drillDownRows(board: Board, key: string): BoardCase[] {
  const state = internals(board);
  const cell = state.cells.get(key);
  if (cell === undefined) return [];
  const rows: BoardCase[] = [];
  for (const id of cell.ids) rows.push(state.placed.get(id)!.row);
  return rows;
}

/** A figure: the size of its drill-down list. */
export function count(board: Board, key: string): number {
  return internals(board).cells.get(key)?.ids.size ?? 0;
}

/** Every non-zero figure's key. */
export function cellKeys(board: Board): string[] {
  return [...internals(board).cells.keys()];
}

/** The keys of the figures a case counts in ("why is this case on the board?"). */
export function cellsOfCase(board: Board, id: string): string[] {
  return (
    internals(board)
      .placed.get(id)
      ?.cells.map((c) => c.key) ?? []
  );
}

/** The row the board holds for a case it counts (undefined for a case in no figure). */
export function boardRow(board: Board, id: string): BoardCase | undefined {
  return internals(board).placed.get(id)?.row;
}

/** Local date ("YYYY-MM-DD") of the Monday starting the board's week that holds `at`. */
export function weekOf(board: Board, at: Date | string | number): string {
  const state = internals(board);
  const ms = typeof at === 'number' ? at : toMs(at);
  return formatDay(weekStartDay(state, ms));
}

/** Week starts (Monday dates) of the `weeks` weeks up to and including the one holding the board's now. */
export function recentWeeks(board: Board, weeks = 12): string[] {
  const state = internals(board);
  const last = weekStartDay(state, state.nowMs);
  const out: string[] = [];
  for (let i = weeks - 1; i >= 0; i--) out.push(formatDay(last - 7 * i));
  return out;
}

/** Boards are only made by createBoard, so every Board is a BoardState; views see the narrow type. */
function internals(board: Board): BoardState {
  return board as BoardState;
}

// ——— placing one case ———

/** Where a case counts, or null when it counts nowhere. */
function place(board: BoardState, row: BoardCase): Placement | null {
  const cells = board.scratch;
  cells.length = 0;
  let marks: number[] = [];
  let ageCell: Cell | null = null;
  if (isOpenStatus(row.status)) {
    marks = ageMarks(board.age, instantMs(row.receivedAt));
    cells.push(cellAt(board, OPEN_ALL, ''));
    ageCell = cellAt(board, OPEN_AGE, ageBucket(marks, board.nowMs));
    cells.push(ageCell);
    const base = row.slaState === 'breached' ? OVERDUE : row.slaState === 'at-risk' ? AT_RISK : -1;
    if (base >= 0) {
      cells.push(
        cellAt(board, base + ALL, ''),
        cellAt(board, base + OWNER, ownerOf(row) ?? ''),
        cellAt(board, base + TEAM, row.teamId ?? ''),
        cellAt(board, base + LEVEL, row.escalationLevel),
        cellAt(board, base + KIND, row.kind),
        cellAt(board, base + POLICY, row.policyId),
      );
    }
  }
  // Compliance: the case is breached for the period if any clock breached in it, else met if any was met in it.
  let outcome: typeof MET | typeof BREACHED | -1 = -1;
  for (const clock of row.clocks) {
    if (clock.kind === 'window') continue;
    if (clock.state === 'breached' && clock.dueAt !== null) {
      const at = clock.dueAt.getTime();
      const week = cellAt(board, BREACH_WEEK, weekStartDay(board, at));
      if (!cells.includes(week)) cells.push(week);
      if (at >= board.fromMs && at < board.toMs) {
        cells.push(targetCellAt(board, BREACHED + BY_TARGET, row.policyId, clock.targetId));
        outcome = BREACHED;
      }
    } else if (clock.state === 'met' && clock.metAt !== null) {
      const at = clock.metAt.getTime();
      if (at >= board.fromMs && at < board.toMs) {
        cells.push(targetCellAt(board, MET + BY_TARGET, row.policyId, clock.targetId));
        if (outcome < 0) outcome = MET;
      }
    }
  }
  if (outcome >= 0)
    cells.push(cellAt(board, outcome + ALL, ''), cellAt(board, outcome + BY_POLICY, row.policyId));
  return cells.length === 0 ? null : { row, ageMarks: marks, cells: cells.slice(), ageCell };
}

function cellAt(board: BoardState, slot: number, value: string | number): Cell {
  const index = board.slots[slot]!;
  return (
    index.get(value) ??
    newCell(board, slot, index, value, slot === BREACH_WEEK ? formatDay(value as number) : value)
  );
}

function targetCellAt(board: BoardState, slot: number, policyId: string, targetId: string): Cell {
  const byPolicy = board.targetSlots.get(slot)!;
  let index = byPolicy.get(policyId);
  if (index === undefined) {
    index = new Map();
    byPolicy.set(policyId, index);
  }
  return index.get(targetId) ?? newCell(board, slot, index, targetId, `${policyId}/${targetId}`);
}

function newCell(
  board: BoardState,
  slot: number,
  index: Map<string | number, Cell>,
  lookup: string | number,
  value: string | number,
): Cell {
  const [metric, dimension] = SLOTS[slot]!;
  const cell: Cell = { key: cellKey(metric, dimension, value), ids: new Set(), index, lookup };
  index.set(lookup, cell);
  board.cells.set(cell.key, cell);
  return cell;
}

/** An emptied cell leaves the board, so the board holds exactly the non-zero figures. */
function dropCell(board: BoardState, cell: Cell): void {
  board.cells.delete(cell.key);
  cell.index.delete(cell.lookup);
}

/** Day number (days since 1970-01-01 on the local calendar) of the Monday of the week holding `ms`. */
function weekStartDay(board: BoardState, ms: number): number {
  const day = Math.floor((ms + board.zone.offsetAt(ms)) / DAY_MS);
  // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
  return day - ((((day + 3) % 7) + 7) % 7);
}
