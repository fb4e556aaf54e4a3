/**
 * What every report is made of, so one model feeds the HTML view, the PDF (printed from that view) and
 * the CSV: a title, when it was generated, the period, whether it is confidential, and tables whose
 * columns say how to read and format each value.
 */
import { type CsvOptions, type CsvValue, csvChunks } from '../csv';
import { formatDay } from '../sla/calendar';
import { zoneTable } from '../sla/zone';
import type { Person, Team } from '../sync/rows';
import { formatInstant, instantMs } from '../time';

/** The people and teams of the desk (the synced directory rows). */
export interface Directory {
  readonly people: readonly Person[];
  readonly teams: readonly Team[];
}

/** A half-open period [from, to) of ISO instants. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** How a column's values print. Instants and dates are shown in the report's time zone. */
export type ColumnFormat = 'text' | 'integer' | 'percent' | 'instant' | 'date' | 'flag';

/** A value as a column reads it from a row: text, a number, a yes/no, an instant (Date or ISO text), or nothing. */
export type CellValue = string | number | boolean | Date | null;

export interface ReportColumn<Row> {
  id: string;
  header: string;
  format: ColumnFormat;
  /** Method syntax on purpose: a table of specific rows is usable wherever a table of unknown rows is. */
  value(row: Row): CellValue;
}

export interface ReportTable<Row = unknown> {
  id: string;
  title: string;
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
}

export interface ReportSection {
  id: string;
  title: string;
  /** A line under the title, e.g. how a figure is counted. */
  note?: string;
  table: ReportTable;
}

export type ReportKind = 'board' | 'outstanding' | 'compliance' | 'complaints-register' | 'evidence';

export interface ReportModel {
  kind: ReportKind;
  title: string;
  /** ISO instant. */
  generatedAt: string;
  period: ReportPeriod | null;
  /** Printed on every page and in the file name; the view is only offered to people who see confidential cases. */
  confidential: boolean;
  /** IANA zone that instants and dates are printed in. */
  timeZone: string;
  sections: readonly ReportSection[];
}

export const DEFAULT_REPORT_TIME_ZONE = 'Europe/London';

/** A column in one line: `column('ref', 'Ref', 'text', (c) => c.ref)`. */
export function column<Row>(
  id: string,
  header: string,
  format: ColumnFormat,
  value: (row: Row) => CellValue,
): ReportColumn<Row> {
  return { id, header, format, value };
}

/** Epoch ms of an instant given as a Date or ISO text. */
export function toMs(value: Date | string): number {
  return typeof value === 'string' ? instantMs(value) : value.getTime();
}

export function normalizePeriod(period: { from: Date | string; to: Date | string }): ReportPeriod {
  const from = toMs(period.from);
  const to = toMs(period.to);
  if (!(from < to)) throw new RangeError('A report period must end after it starts.');
  return { from: formatInstant(from), to: formatInstant(to) };
}

/** "2026-03-02 09:30" in the zone: what people read and what spreadsheets parse as a date-time. */
export function formatLocalInstant(at: Date | string, timeZone: string): string {
  const ms = toMs(at);
  const local = ms + zoneTable(timeZone).offsetAt(ms);
  const day = Math.floor(local / DAY_MS);
  return `${dateText(day)} ${timeText(Math.floor((local - day * DAY_MS) / 60_000))}`;
}

export function formatLocalDate(at: Date | string, timeZone: string): string {
  const ms = toMs(at);
  return dateText(Math.floor((ms + zoneTable(timeZone).offsetAt(ms)) / DAY_MS));
}

/*
 * A CSV of 100,000 cases prints 200,000 instants: dates and times of day come from small caches
 * instead of a Date and toISOString each (a desk's history spans a few thousand distinct days).
 */
const DATE_TEXT = new Map<number, string>();
const TIME_TEXT: string[] = [];

function dateText(day: number): string {
  let text = DATE_TEXT.get(day);
  if (text === undefined) {
    text = formatDay(day);
    DATE_TEXT.set(day, text);
  }
  return text;
}

function timeText(minuteOfDay: number): string {
  let text = TIME_TEXT[minuteOfDay];
  if (text === undefined) {
    const hours = Math.floor(minuteOfDay / 60);
    const minutes = minuteOfDay % 60;
    text = `${hours < 10 ? '0' : ''}${hours}:${minutes < 10 ? '0' : ''}${minutes}`;
    TIME_TEXT[minuteOfDay] = text;
  }
  return text;
}

/** The text of one value as every output shows it. */
export function formatCell(format: ColumnFormat, value: CellValue, timeZone: string): string {
  if (value === null || value === '') return '';
  switch (format) {
    case 'text':
      return String(value);
    case 'integer':
      return typeof value === 'number' ? String(Math.round(value)) : String(value);
    case 'percent':
      return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : String(value);
    case 'instant':
      return typeof value === 'string' || value instanceof Date ? formatLocalInstant(value, timeZone) : '';
    case 'date':
      return typeof value === 'string' || value instanceof Date ? formatLocalDate(value, timeZone) : '';
    case 'flag':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
  }
}

/** Header and formatted rows, for the HTML and PDF views. */
export function tableText(table: ReportTable, timeZone: string): string[][] {
  const lines = [table.columns.map((c) => c.header)];
  for (const row of table.rows)
    lines.push(table.columns.map((c) => formatCell(c.format, c.value(row), timeZone)));
  return lines;
}

/**
 * The table as CSV chunks (see shared/csv): the same text as the view, except that whole numbers stay
 * numbers so a spreadsheet can sum them.
 */
export function tableCsvChunks(
  table: ReportTable,
  timeZone: string,
  options: CsvOptions & { chunkChars?: number } = {},
): Generator<string, void, undefined> {
  return csvChunks(csvRecords(table, timeZone), options);
}

function* csvRecords(table: ReportTable, timeZone: string): Generator<CsvValue[]> {
  const columns = table.columns;
  yield columns.map((c) => c.header);
  for (const row of table.rows) {
    const record: CsvValue[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      const value = c.value(row);
      record[i] =
        c.format === 'integer' && typeof value === 'number' ? value : formatCell(c.format, value, timeZone);
    }
    yield record;
  }
}

/** Names from the directory, with a fallback that still says who or what it was. */
export interface DirectoryIndex {
  person(id: string | null): Person | undefined;
  personName(id: string | null): string;
  teamName(id: string | null): string;
}

export function indexDirectory(directory: Directory): DirectoryIndex {
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const teams = new Map(directory.teams.map((t) => [t.id, t]));
  return {
    person: (id) => (id === null ? undefined : people.get(id)),
    personName: (id) => (id === null ? 'Unassigned' : (people.get(id)?.name ?? id)),
    teamName: (id) => (id === null ? 'No team' : (teams.get(id)?.name ?? id)),
  };
}

/** The one accountable for a case: its designated owner, else whoever is working it. */
export function ownerOf(kase: { ownerId: string | null; assigneeId: string | null }): string | null {
  return kase.ownerId ?? kase.assigneeId;
}

export const DAY_MS = 86_400_000;
