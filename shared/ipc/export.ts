/**
 * Report export across the bridge. The renderer builds a report from its own store and sends it as a
 * `PrintableReport` (plain text tables, chart data, the marks every page carries); the shell keeps it as a
 * print job, has Chromium open the app's print route for that job and print it, then saves the PDF (save
 * dialog in Electron) or offers it for download (browser host). See docs/decisions.md ("Report export").
 *
 * The report travels in parts of at most EXPORT_PART_CHARS characters, so a large report never exceeds the
 * browser host's socket message limit; the export itself answers at once and reports back with events.
 */
import { z } from 'zod';

/** A part's characters: ≤ 3 bytes each in UTF-8, escaped quotes included, well under the 1 MiB socket cap. */
export const EXPORT_PART_CHARS = 200_000;
export const MAX_EXPORT_PARTS = 320;

const label = (max: number) => z.string().max(max);

/** The renderer's id for one export (a UUID). */
export const ExportId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'expected an export id');
export type ExportId = z.infer<typeof ExportId>;

/** The shell's id for a print job: 32 hex digits, unguessable, alive only while the job prints. */
export const PrintJobId = z.string().regex(/^[0-9a-f]{32}$/, 'expected a print job id');
export type PrintJobId = z.infer<typeof PrintJobId>;

/** How a chart series is drawn, so series differ without colour (print, forced colours, colour blindness). */
export const ChartPattern = z.enum(['solid', 'hatch', 'dots', 'outline']);
export type ChartPattern = z.infer<typeof ChartPattern>;

/** A bar chart: one bar per category and series, every value printed at the end of its bar. */
export const ChartSpec = z.object({
  title: label(200),
  /** What the chart shows, in words: its accessible name and its caption. */
  description: label(2000),
  /** `horizontal`: categories down the side (long names); `vertical`: categories along the bottom. */
  layout: z.enum(['horizontal', 'vertical']),
  categories: z.array(label(200)).max(200),
  series: z
    .array(
      z.object({
        name: label(100),
        pattern: ChartPattern,
        values: z.array(z.number().finite()).max(200),
      }),
    )
    .min(1)
    .max(6),
});
export type ChartSpec = z.infer<typeof ChartSpec>;

export const PrintableColumn = z.object({
  header: label(200),
  /** Numbers align right and use tabular figures. */
  numeric: z.boolean(),
  /**
   * Where a value may break across lines: `never` for short values that read badly broken (references,
   * numbers, dates; a cell's own line breaks still show), `spaces` between words only (an instant breaks
   * between its date and time, never inside the date), `normal` for prose.
   */
  wrap: z.enum(['normal', 'spaces', 'never']),
});
export type PrintableColumn = z.infer<typeof PrintableColumn>;

export const PrintableSection = z.object({
  id: label(200),
  title: label(300),
  note: label(2000).nullable(),
  /**
   * Keep the section on one page where it fits: it starts a new page only when it does not fit on the rest of
   * this one (each group of the outstanding report). A section longer than a page still splits, between rows.
   */
  keepTogether: z.boolean(),
  chart: ChartSpec.nullable(),
  columns: z.array(PrintableColumn).min(1).max(40),
  /** Formatted cells, as every output shows them. */
  rows: z.array(z.array(label(4000)).max(40)).max(200_000),
  /** The last row is a total (printed bold, kept with the row before it). */
  totalRow: z.boolean(),
});
export type PrintableSection = z.infer<typeof PrintableSection>;

export const PrintableReport = z.object({
  kind: z.enum(['board', 'outstanding', 'compliance', 'complaints-register', 'evidence']),
  title: label(300),
  /** ISO instant the figures are "as at". */
  generatedAt: z.string().max(40),
  /** "2 Mar 2026, 10:00 (Europe/London)". */
  generatedText: label(100),
  /** "1 Feb 2026 – 28 Feb 2026", or null for a report without a period. */
  periodText: label(100).nullable(),
  confidential: z.boolean(),
  orientation: z.enum(['portrait', 'landscape']),
  /** One-line summary under the title (e.g. "412 open cases in 9 groups"). */
  summary: label(500).nullable(),
  sections: z.array(PrintableSection).max(2_000),
});
export type PrintableReport = z.infer<typeof PrintableReport>;

export const ExportPdfRequest = z.object({
  exportId: ExportId,
  /** How many parts `exportPart` delivered (the report's JSON, in order). */
  parts: z.number().int().min(1).max(MAX_EXPORT_PARTS),
  /** Suggested file name, without a folder. */
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^/\\:*?"<>|\p{Cc}]+\.pdf$/u, 'expected a plain file name ending .pdf'),
});
export type ExportPdfRequest = z.infer<typeof ExportPdfRequest>;

export const ExportPart = z.string().max(EXPORT_PART_CHARS);
export const ExportPartIndex = z
  .number()
  .int()
  .min(0)
  .max(MAX_EXPORT_PARTS - 1);

/** How an export ended. */
export const ExportOutcome = z.discriminatedUnion('status', [
  /** Electron: written where the person chose. */
  z.object({
    status: z.literal('saved'),
    fileName: z.string(),
    path: z.string(),
    pages: z.number().int().min(0),
    bytes: z.number().int().min(0),
  }),
  /** Browser host: fetch once from `url` (a path on the host, e.g. /exports/<id>). */
  z.object({
    status: z.literal('download'),
    fileName: z.string(),
    url: z.string().regex(/^\/exports\/[0-9a-f]{32}$/),
    pages: z.number().int().min(0),
    bytes: z.number().int().min(0),
  }),
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('failed'), message: z.string() }),
]);
export type ExportOutcome = z.infer<typeof ExportOutcome>;

export const ExportProgress = z.object({
  exportId: ExportId,
  /** `rendering`: Chromium is laying out and printing; `saving`: the file is being written or offered. */
  phase: z.enum(['rendering', 'saving']),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const ExportFinished = z.object({ exportId: ExportId, outcome: ExportOutcome });
export type ExportFinished = z.infer<typeof ExportFinished>;
