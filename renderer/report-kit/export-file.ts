/**
 * Exports from the renderer. PDF: the report goes to the shell in parts and is printed there (see
 * electron/services/pdf.ts); the outcome comes back as an event. CSV: written here in chunks (yielding to the
 * page between them) and handed to the browser as a download; under Electron a download opens the system
 * save dialog. Both report progress and stop on an AbortSignal.
 */
import { EXPORT_PART_CHARS, type ExportOutcome, type PrintableReport } from '../../shared/ipc/export';
import { type ReportTable, tableCsvChunks } from '../../shared/reports';
import { desk } from '../platform/bridge';
import { download, downloadBlob } from '../ui/download';

export type ExportPhase = 'preparing' | 'sending' | 'rendering' | 'saving';

/** `share` is 0..1 where it can be measured, null while the step's length is unknown (Chromium printing). */
export interface ExportProgress {
  phase: ExportPhase;
  share: number | null;
}

export type CsvOutcome = { status: 'download'; fileName: string; rows: number } | { status: 'cancelled' };

/** A PDF of `report` through the shell's Chromium: saved (Electron) or downloaded (browser host). */
export async function exportPdf(
  report: PrintableReport,
  fileName: string,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<ExportOutcome> {
  const exportId = crypto.randomUUID();
  onProgress({ phase: 'preparing', share: null });
  const json = JSON.stringify(report);
  const parts = Math.max(1, Math.ceil(json.length / EXPORT_PART_CHARS));
  const cancelled = (): ExportOutcome => {
    void desk.cancelExport(exportId).catch(() => {});
    return { status: 'cancelled' };
  };

  for (let i = 0; i < parts; i++) {
    if (signal.aborted) return cancelled();
    onProgress({ phase: 'sending', share: i / parts });
    await desk.exportPart(exportId, i, json.slice(i * EXPORT_PART_CHARS, (i + 1) * EXPORT_PART_CHARS));
  }
  if (signal.aborted) return cancelled();

  const finished = new Promise<ExportOutcome>((resolve) => {
    const stopProgress = desk.onExportProgress((event) => {
      if (event.exportId === exportId) onProgress({ phase: event.phase, share: null });
    });
    const stopFinished = desk.onExportFinished((event) => {
      if (event.exportId !== exportId) return;
      stopProgress();
      stopFinished();
      signal.removeEventListener('abort', onAbort);
      resolve(event.outcome);
    });
    // Cancelling ends the wait at once, even with the shell out of reach.
    const onAbort = () => {
      stopProgress();
      stopFinished();
      resolve(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  onProgress({ phase: 'rendering', share: null });
  await desk.exportReportPdf({ exportId, parts, fileName });
  const outcome = await finished;
  if (outcome.status === 'download') download(new URL(outcome.url, window.location.href).href, fileName);
  return outcome;
}

/** A table as CSV (RFC 4180, UTF-8 with BOM), downloaded as `fileName`. */
export async function exportCsv(
  table: ReportTable,
  timeZone: string,
  fileName: string,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<CsvOutcome> {
  const total = table.rows.length;
  let done = 0;
  // The first column's value is read once per row: counting there measures progress for free.
  const [first, ...rest] = table.columns;
  const counted: ReportTable =
    first === undefined
      ? table
      : {
          ...table,
          columns: [
            {
              ...first,
              value: (row) => {
                done++;
                return first.value(row);
              },
            },
            ...rest,
          ],
        };
  const chunks: string[] = [];
  let lastYield = performance.now();
  onProgress({ phase: 'preparing', share: 0 });
  for (const chunk of tableCsvChunks(counted, timeZone)) {
    chunks.push(chunk);
    if (performance.now() - lastYield > 30) {
      onProgress({ phase: 'preparing', share: total === 0 ? 1 : done / total });
      await nextTask();
      lastYield = performance.now();
      if (signal.aborted) return { status: 'cancelled' };
    }
  }
  if (signal.aborted) return { status: 'cancelled' };
  onProgress({ phase: 'saving', share: 1 });
  downloadBlob(new Blob(chunks, { type: 'text/csv;charset=utf-8' }), fileName);
  return { status: 'download', fileName, rows: total };
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
