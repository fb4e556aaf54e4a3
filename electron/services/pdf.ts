/**
 * Report export to PDF, platform-free. The renderer delivers a PrintableReport in parts; this service keeps it
 * as a print job under an unguessable id, has the injected `renderToPdf` open the app's print route for that
 * job in Chromium (a hidden BrowserWindow in Electron, the host's own Chromium in the browser host) and print
 * it once the page says it has drawn the report, then hands the bytes to the injected `deliver` (save dialog,
 * or a one-time download). Progress and the outcome go back as contract events.
 */
import { randomBytes } from 'node:crypto';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import {
  EXPORT_PART_CHARS,
  type ExportOutcome,
  type ExportPdfRequest,
  MAX_EXPORT_PARTS,
  PrintableReport,
} from '../../shared/ipc/export';
import type { Logger } from './log';

export interface PdfPrintOptions {
  landscape: boolean;
  /** Chromium's header and footer templates (`pageNumber` / `totalPages` spans are filled in per page). */
  headerTemplate: string;
  footerTemplate: string;
  /** Page margins in millimetres; the header and footer print inside the top and bottom ones. */
  marginsMm: { top: number; right: number; bottom: number; left: number };
  /** A tagged (structured, screen-reader friendly) PDF, with its outline; see TAGGED_ROW_LIMIT. */
  tagged: boolean;
}

/** What the port waits on and listens to while it prints one job. */
export interface PrintJobControl {
  /** Resolves when the print route has drawn the report; rejects with the page's reason. */
  ready: Promise<void>;
  /** Aborted on cancel and on timeout: close the page or window and reject. */
  signal: AbortSignal;
}

/** Opens `url` in Chromium, waits for `job.ready`, prints to an A4 PDF and closes what it opened. */
export type RenderToPdf = (
  url: string,
  options: PdfPrintOptions,
  job: PrintJobControl,
) => Promise<Uint8Array>;

/** Puts the finished PDF where the person gets it: a save dialog (Electron), a download (browser host). */
export type DeliverPdf = (
  file: { fileName: string; bytes: Uint8Array; pages: number },
  signal: AbortSignal,
) => Promise<ExportOutcome>;

type ExportEvent = Extract<EventName, 'exportProgress' | 'exportFinished'>;

export interface PdfExporterOptions {
  renderToPdf: RenderToPdf;
  deliver: DeliverPdf;
  /** The app's print route for a job, e.g. app://desk/index.html#/print/job/<id>. */
  printUrl: (jobId: string) => string;
  emit: <E extends ExportEvent>(event: E, payload: EventPayload<E>) => void;
  log: Logger;
  /** From the start of printing to the file being handed over (default 2 minutes). */
  timeoutMs?: number;
  /** Parts of an export that never started are dropped after this long (default 10 minutes). */
  stagingTtlMs?: number;
  now?: () => number;
}

export interface PdfExporter {
  /** One part of the report's JSON; parts may arrive in any order. */
  receivePart(exportId: string, index: number, text: string): void;
  /**
   * Checks the delivered report and starts printing it; returns at once (a bad report throws). The outcome
   * comes as `exportFinished`.
   */
  start(request: ExportPdfRequest): void;
  /** Start and wait for the outcome (tests, the benchmark). */
  run(request: ExportPdfRequest): Promise<ExportOutcome>;
  /** Stops an export (staged or printing); true when there was one. */
  cancel(exportId: string): boolean;
  /** The report a print route asks for; throws for an unknown or finished job. */
  printJob(jobId: string): PrintableReport;
  /** The print route drew the job (problem null) or could not. */
  rendered(jobId: string, problem: string | null): void;
  /** Cancels everything under way. */
  close(): void;
  /** Prints a report to PDF bytes for the caller (a report mailed as an attachment): no events, no delivery. */
  render(report: PrintableReport): Promise<Uint8Array>;
}

export const PDF_MARGINS_MM = { top: 16, right: 12, bottom: 14, left: 12 } as const;

/**
 * Reports up to this many table rows print as tagged PDFs. Tagging a 1,000-case report made it ten times
 * larger (3.2 MB against 0.3 MB) and about 2.5 s slower to print; such a report's accessible form is its
 * in-app view.
 */
export const TAGGED_ROW_LIMIT = 400;

interface Staged {
  parts: (string | undefined)[];
  chars: number;
  since: number;
}

interface Job {
  report: PrintableReport;
  resolve: () => void;
  reject: (error: Error) => void;
}

const MAX_STAGED_CHARS = EXPORT_PART_CHARS * MAX_EXPORT_PARTS;

export class ExportRequestError extends Error {
  override readonly name = 'ExportRequestError';
}

export function createPdfExporter(options: PdfExporterOptions): PdfExporter {
  const { renderToPdf, deliver, printUrl, emit, log } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const stagingTtlMs = options.stagingTtlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const staging = new Map<string, Staged>();
  const running = new Map<string, AbortController>();
  const jobs = new Map<string, Job>();

  const dropStale = () => {
    for (const [id, staged] of staging) if (now() - staged.since > stagingTtlMs) staging.delete(id);
  };

  const take = (request: ExportPdfRequest): PrintableReport => {
    const staged = staging.get(request.exportId);
    staging.delete(request.exportId);
    if (staged === undefined) throw new ExportRequestError(`Export ${request.exportId} has no report.`);
    let json = '';
    for (let i = 0; i < request.parts; i++) {
      const part = staged.parts[i];
      if (part === undefined)
        throw new ExportRequestError(
          `Export ${request.exportId} is missing part ${i + 1} of ${request.parts}.`,
        );
      json += part;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw new ExportRequestError(`Export ${request.exportId}: the report is not JSON.`);
    }
    const parsed = PrintableReport.safeParse(raw);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') ?? '';
      throw new ExportRequestError(`Export ${request.exportId}: the report is malformed (at ${where}).`);
    }
    return parsed.data;
  };

  const print = async (
    exportId: string,
    report: PrintableReport,
    fileName: string,
    controller: AbortController,
    deliverTo: DeliverPdf = deliver,
    tell: typeof emit = emit,
  ): Promise<ExportOutcome> => {
    const { signal } = controller;
    const jobId = randomBytes(16).toString('hex');
    const ready = new Promise<void>((resolve, reject) => jobs.set(jobId, { report, resolve, reject }));
    // The port may fail before it waits on `ready`; a later rejection must not go unhandled.
    ready.catch(() => {});
    const onAbort = () => jobs.get(jobId)?.reject(abortReason(signal));
    signal.addEventListener('abort', onAbort);
    const timer = setTimeout(
      () => controller.abort(new Error(`Printing took longer than ${Math.round(timeoutMs / 1000)} s.`)),
      timeoutMs,
    );
    const started = now();
    try {
      tell('exportProgress', { exportId, phase: 'rendering' });
      const bytes = await renderToPdf(printUrl(jobId), printOptions(report), { ready, signal });
      jobs.delete(jobId);
      if (signal.aborted) throw abortReason(signal);
      const pages = countPdfPages(bytes);
      log.info(`Printed "${report.title}": ${pages} pages, ${bytes.length} bytes in ${now() - started} ms.`);
      tell('exportProgress', { exportId, phase: 'saving' });
      return await deliverTo({ fileName, bytes, pages }, signal);
    } catch (error) {
      if (signal.aborted && signal.reason instanceof CancelledError) return { status: 'cancelled' };
      // After a timeout the port fails with its own words ("Target closed"); the reason says what happened.
      const cause = signal.aborted ? abortReason(signal) : error;
      const message = cause instanceof Error ? cause.message : String(cause);
      log.error(`Export of "${report.title}" failed: ${message}`);
      return { status: 'failed', message };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      jobs.delete(jobId);
    }
  };

  const run = (request: ExportPdfRequest): Promise<ExportOutcome> => {
    const { exportId, fileName } = request;
    if (running.has(exportId)) throw new ExportRequestError(`Export ${exportId} is already printing.`);
    const report = take(request);
    const controller = new AbortController();
    running.set(exportId, controller);
    return print(exportId, report, fileName, controller).finally(() => running.delete(exportId));
  };

  return {
    receivePart(exportId, index, text) {
      dropStale();
      if (running.has(exportId)) throw new ExportRequestError(`Export ${exportId} is already printing.`);
      let staged = staging.get(exportId);
      if (staged === undefined) {
        staged = { parts: [], chars: 0, since: now() };
        staging.set(exportId, staged);
      }
      staged.chars += text.length - (staged.parts[index]?.length ?? 0);
      if (staged.chars > MAX_STAGED_CHARS) {
        staging.delete(exportId);
        throw new ExportRequestError(`Export ${exportId} is larger than a report may be.`);
      }
      staged.parts[index] = text;
    },

    start(request) {
      run(request).then(
        (outcome) => emit('exportFinished', { exportId: request.exportId, outcome }),
        (error: unknown) =>
          emit('exportFinished', {
            exportId: request.exportId,
            outcome: { status: 'failed', message: error instanceof Error ? error.message : String(error) },
          }),
      );
    },

    run,

    cancel(exportId) {
      const staged = staging.delete(exportId);
      const controller = running.get(exportId);
      controller?.abort(new CancelledError());
      return staged || controller !== undefined;
    },

    printJob(jobId) {
      const job = jobs.get(jobId);
      if (job === undefined)
        throw new ExportRequestError('There is no such print job (it finished or was cancelled).');
      return job.report;
    },

    rendered(jobId, problem) {
      const job = jobs.get(jobId);
      if (job === undefined) return;
      if (problem === null) job.resolve();
      else job.reject(new Error(`The report could not be drawn: ${problem}`));
    },

    async render(report) {
      let printed: Uint8Array | null = null;
      const outcome = await print(
        `mail-${randomBytes(8).toString('hex')}`,
        PrintableReport.parse(report),
        'report.pdf',
        new AbortController(),
        async ({ fileName, bytes, pages }) => {
          printed = bytes;
          return { status: 'saved', fileName, path: '', pages, bytes: bytes.length };
        },
        () => {},
      );
      if (printed === null)
        throw new Error(outcome.status === 'failed' ? outcome.message : 'Printing was stopped.');
      return printed;
    },

    close() {
      staging.clear();
      for (const controller of running.values()) controller.abort(new CancelledError());
    },
  };
}

class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The export was cancelled.');
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The export was stopped.');
}

/** Landscape for wide tables, the marks every page carries, and room for them in the margins. */
export function printOptions(report: PrintableReport): PdfPrintOptions {
  const rows = report.sections.reduce((n, section) => n + section.rows.length, 0);
  return {
    landscape: report.orientation === 'landscape',
    ...pageTemplates(report),
    marginsMm: { ...PDF_MARGINS_MM },
    tagged: rows <= TAGGED_ROW_LIMIT,
  };
}

const MARK = 'font-weight:700;letter-spacing:0.12em;color:#b42318;';

/**
 * Header: the report and its period, the confidentiality mark. Footer: when it was generated, the mark
 * again, "Page n of N". Chromium renders these outside the page, with tiny default fonts: everything is
 * styled inline here.
 */
export function pageTemplates(report: PrintableReport): { headerTemplate: string; footerTemplate: string } {
  const row = (left: string, middle: string, right: string) =>
    `<div style="box-sizing:border-box;width:100%;padding:0 ${PDF_MARGINS_MM.left}mm;` +
    "font-family:system-ui,'Liberation Sans',Arial,sans-serif;font-size:7.5pt;color:#394150;" +
    'display:flex;justify-content:space-between;align-items:baseline;gap:8mm;">' +
    `<span style="flex:1;text-align:left;">${left}</span>` +
    `<span style="flex:0 0 auto;text-align:center;">${middle}</span>` +
    `<span style="flex:1;text-align:right;">${right}</span></div>`;
  const mark = report.confidential ? `<span style="${MARK}">CONFIDENTIAL</span>` : '';
  return {
    headerTemplate: row(
      `Desk · <b>${escapeHtml(report.title)}</b>`,
      mark,
      report.periodText === null ? '' : `Period: ${escapeHtml(report.periodText)}`,
    ),
    footerTemplate: row(
      `Generated ${escapeHtml(report.generatedText)}`,
      mark,
      'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    ),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Pages of a PDF as Chromium writes it: one `/Type /Page` dictionary per page (the tree nodes are `/Pages`). */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}
