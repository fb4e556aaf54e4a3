import { describe, expect, it } from 'vitest';
import { buildCase } from '../domain/builders';
import { MAX_CORRESPONDENCE_BYTES } from '../domain/events';
import { presetPolicies } from '../policies';
import { evidenceReport } from '../reports/evidence';
import { contextFor, MutationError, type RowChange, runMutator } from './index';

const NOW = '2026-03-06T15:45:00.000Z';
const complaint = buildCase({
  id: 'f1',
  ref: 'F-10001',
  kind: 'formal-complaint',
  receivedAt: '2026-03-02T10:00:00Z',
  stage: 'formal',
});
const rows = { cases: [complaint], events: [], people: [], policies: presetPolicies() };
const base64 = (text: string) => btoa(text);

function attach(filename: string, data: string): RowChange[] {
  const args = { caseId: complaint.id, filename, contentType: 'text/plain', data };
  const ctx = contextFor(
    { clientId: 'desk-1', id: 3, name: 'attachCorrespondence', args, createdAt: NOW },
    null,
  );
  return runMutator('attachCorrespondence', args, rows, ctx);
}

describe('correspondence kept with a formal complaint', () => {
  it('keeps the file with the case and lists it in the evidence report', () => {
    const changes = attach('letter-from-registry.txt', base64('Dear Ms Reed, your refund was refused.'));
    const events = changes.flatMap((c) => (c.op === 'put' && c.table === 'events' ? [c.row] : []));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'correspondence-attached',
        filename: 'letter-from-registry.txt',
        size: 'Dear Ms Reed, your refund was refused.'.length,
      }),
    ]);
    const report = evidenceReport(
      { case: complaint, events, sla: null, policy: null, calendar: null },
      { directory: { people: [], teams: [] }, now: NOW },
    );
    expect(report.attachments.map((a) => [a.filename, a.source])).toEqual([
      ['letter-from-registry.txt', 'Correspondence'],
    ]);
    const section = report.sections.find((s) => s.id === 'attachments');
    expect(section?.table.rows).toHaveLength(1);
  });

  it('refuses a file over the size limit, saying the limit and what to do instead', () => {
    const tooBig = 'A'.repeat(Math.ceil((MAX_CORRESPONDENCE_BYTES * 1.5) / 3) * 4);
    let refusal: unknown;
    try {
      attach('scan.pdf', tooBig);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(MutationError);
    expect((refusal as MutationError).message).toBe(
      'scan.pdf is 3 MB: Desk keeps files up to 2 MB with a case. Attach a smaller copy (the pages that matter, as a PDF), or note where the original is kept.',
    );
  });
});
