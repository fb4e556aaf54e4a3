import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../shared/ipc/contract';
import { EXPORT_PART_CHARS, type PrintableReport } from '../../shared/ipc/export';
import { createMemoryLogger } from './log';
import {
  countPdfPages,
  createPdfExporter,
  type DeliverPdf,
  type PdfExporterOptions,
  type PrintJobControl,
  pageTemplates,
  printOptions,
  type RenderToPdf,
} from './pdf';

const REPORT: PrintableReport = {
  kind: 'complaints-register',
  title: 'Complaints <register>',
  generatedAt: '2026-03-02T10:00:00.000Z',
  generatedText: '2 Mar 2026, 10:00 (Europe/London)',
  periodText: '1 Feb 2026 – 28 Feb 2026',
  confidential: true,
  orientation: 'landscape',
  summary: null,
  sections: [
    {
      id: 'complaints',
      title: 'Complaints',
      note: null,
      keepTogether: false,
      chart: null,
      columns: [
        { header: 'Ref', numeric: false, wrap: 'never' },
        { header: 'Days', numeric: true, wrap: 'never' },
      ],
      rows: [['C-10001', '3']],
      totalRow: false,
    },
  ],
};

const FAKE_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page /Parent 1 0 R>>\n%%EOF',
);

/** An exporter whose Chromium "prints" once the page says it drew the job. */
function setup(overrides: Partial<PdfExporterOptions> = {}) {
  const events: { event: EventName; payload: unknown }[] = [];
  const jobs: { url: string; control: PrintJobControl }[] = [];
  const renderToPdf = vi.fn<RenderToPdf>(async (url, _options, control) => {
    jobs.push({ url, control });
    await control.ready;
    return FAKE_PDF;
  });
  const deliver = vi.fn<DeliverPdf>(async ({ fileName, bytes, pages }) => ({
    status: 'download',
    fileName,
    url: `/exports/${'a'.repeat(32)}`,
    pages,
    bytes: bytes.length,
  }));
  const exporter = createPdfExporter({
    renderToPdf,
    deliver,
    printUrl: (jobId) => `app://desk/index.html#/print/job/${jobId}`,
    emit: (event, payload) => events.push({ event, payload }),
    log: createMemoryLogger(),
    ...overrides,
  });
  const jobIdOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  return { exporter, events, jobs, renderToPdf, deliver, jobIdOf };
}

function send(exporter: ReturnType<typeof setup>['exporter'], exportId: string, report = REPORT): number {
  const json = JSON.stringify(report);
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += 40) parts.push(json.slice(i, i + 40));
  // Out of order on purpose: the socket keeps order, but nothing here should depend on it.
  for (const i of [...parts.keys()].reverse()) exporter.receivePart(exportId, i, parts[i]!);
  return parts.length;
}

describe('PDF export service', () => {
  it('prints the delivered report from its print route, then delivers the file with its page count', async () => {
    const { exporter, jobs, deliver, events, jobIdOf } = setup();
    const parts = send(exporter, 'export-1');
    const outcome = exporter.run({ exportId: 'export-1', parts, fileName: 'register.pdf' });
    await vi.waitFor(() => expect(jobs).toHaveLength(1));
    const jobId = jobIdOf(jobs[0]!.url);
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(exporter.printJob(jobId)).toEqual(REPORT);
    exporter.rendered(jobId, null);

    expect(await outcome).toMatchObject({ status: 'download', fileName: 'register.pdf', pages: 2 });
    expect(deliver).toHaveBeenCalledWith(
      { fileName: 'register.pdf', bytes: FAKE_PDF, pages: 2 },
      expect.any(AbortSignal),
    );
    expect(events.map((e) => e.payload)).toEqual([
      { exportId: 'export-1', phase: 'rendering' },
      { exportId: 'export-1', phase: 'saving' },
    ]);
    expect(() => exporter.printJob(jobId)).toThrow(/no such print job/);
  });

  it('answers start() at once and reports the outcome as exportFinished', async () => {
    const { exporter, jobs, events, jobIdOf } = setup();
    const parts = send(exporter, 'export-2');
    exporter.start({ exportId: 'export-2', parts, fileName: 'r.pdf' });
    await vi.waitFor(() => expect(jobs).toHaveLength(1));
    exporter.rendered(jobIdOf(jobs[0]!.url), null);
    await vi.waitFor(() => expect(events.at(-1)?.event).toBe('exportFinished'));
    expect(events.at(-1)?.payload).toMatchObject({ exportId: 'export-2', outcome: { status: 'download' } });
  });

  it('cancels a print under way: the port is told to stop and nothing is delivered', async () => {
    const { exporter, jobs, deliver } = setup();
    const parts = send(exporter, 'export-3');
    const outcome = exporter.run({ exportId: 'export-3', parts, fileName: 'r.pdf' });
    await vi.waitFor(() => expect(jobs).toHaveLength(1));
    expect(exporter.cancel('export-3')).toBe(true);
    expect(jobs[0]!.control.signal.aborted).toBe(true);
    expect(await outcome).toEqual({ status: 'cancelled' });
    expect(deliver).not.toHaveBeenCalled();
    expect(exporter.cancel('export-3')).toBe(false);
  });

  it('fails with the page’s reason when the print route could not draw the report', async () => {
    const { exporter, jobs, jobIdOf } = setup();
    const parts = send(exporter, 'export-4');
    const outcome = exporter.run({ exportId: 'export-4', parts, fileName: 'r.pdf' });
    await vi.waitFor(() => expect(jobs).toHaveLength(1));
    exporter.rendered(jobIdOf(jobs[0]!.url), 'chart failed');
    expect(await outcome).toEqual({
      status: 'failed',
      message: 'The report could not be drawn: chart failed',
    });
  });

  it('gives up on a print that takes too long, saying so', async () => {
    const { exporter } = setup({ timeoutMs: 20 });
    const parts = send(exporter, 'export-5');
    const outcome = await exporter.run({ exportId: 'export-5', parts, fileName: 'r.pdf' });
    expect(outcome).toEqual({ status: 'failed', message: 'Printing took longer than 0 s.' });
  });

  it('refuses a report with a missing part, or one that is not a report', () => {
    const { exporter } = setup();
    exporter.receivePart('export-6', 1, '}');
    expect(() => exporter.start({ exportId: 'export-6', parts: 2, fileName: 'r.pdf' })).toThrow(
      'missing part 1 of 2',
    );
    exporter.receivePart('export-7', 0, JSON.stringify({ ...REPORT, sections: 'none' }));
    expect(() => exporter.start({ exportId: 'export-7', parts: 1, fileName: 'r.pdf' })).toThrow(
      'malformed (at sections)',
    );
    expect(() => exporter.start({ exportId: 'never-sent', parts: 1, fileName: 'r.pdf' })).toThrow(
      'has no report',
    );
  });

  it('drops parts that exceed the largest report', () => {
    const { exporter } = setup();
    const big = 'x'.repeat(EXPORT_PART_CHARS);
    expect(() => {
      for (let i = 0; i < 400; i++) exporter.receivePart('export-8', i, big);
    }).toThrow('larger than a report may be');
  });
});

describe('page templates', () => {
  it('carry the title, period, generation time, page numbers and the confidentiality mark on every page', () => {
    const { headerTemplate, footerTemplate } = pageTemplates(REPORT);
    expect(headerTemplate).toContain('Complaints &#60;register&#62;');
    expect(headerTemplate).toContain('Period: 1 Feb 2026 – 28 Feb 2026');
    expect(headerTemplate).toContain('CONFIDENTIAL');
    expect(footerTemplate).toContain('CONFIDENTIAL');
    expect(footerTemplate).toContain('Generated 2 Mar 2026, 10:00 (Europe/London)');
    expect(footerTemplate).toContain(
      'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
    const open = pageTemplates({ ...REPORT, confidential: false, periodText: null });
    expect(open.headerTemplate).not.toContain('CONFIDENTIAL');
    expect(open.headerTemplate).not.toContain('Period');
  });
});

describe('print options', () => {
  it('tag the PDF of a report of ordinary size, not of one with thousands of rows', () => {
    expect(printOptions(REPORT)).toMatchObject({ landscape: true, tagged: true });
    const rows = Array.from({ length: 1000 }, (_, i) => [`C-${i}`, '1']);
    const big = { ...REPORT, sections: [{ ...REPORT.sections[0]!, rows }] };
    expect(printOptions(big).tagged).toBe(false);
  });
});

describe('countPdfPages', () => {
  it('counts page objects, not the page tree', () => {
    expect(countPdfPages(FAKE_PDF)).toBe(2);
    expect(countPdfPages(new Uint8Array())).toBe(0);
  });
});
