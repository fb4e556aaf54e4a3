import { describe, expect, it } from 'vitest';
import { buildCase, type Case } from '../../../shared/domain';
import { formalComplaintPolicy } from '../../../shared/policies';
import { ukCalendarSpec } from '../../../shared/policies/uk-calendar';
import { compileCalendar } from '../../../shared/sla';
import { toCaseRow } from '../../db';
import { replyTemplates } from './templates';

const policy = formalComplaintPolicy();
const calendar = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2027 }));

function writtenResponse(kase: Partial<Case>, now: string): string {
  const row = toCaseRow(
    {
      ...buildCase({ id: 'f1', kind: 'formal-complaint', receivedAt: '2026-03-02T09:30:00Z', ...kase }),
      ref: 'F-10001',
      policyId: 'formal-complaint',
    },
    { state: 'none', nextDueAt: null, dueAt: null },
  );
  const templates = replyTemplates({
    kase: row,
    policy,
    clocks: [],
    signature: 'Ana Patel',
    ownerName: null,
    timeZone: 'Europe/London',
    calendar,
    now: new Date(now),
  });
  return templates.find((t) => t.id === 'response')!.body;
}

describe('the written response of a staged formal complaint', () => {
  it('tells the complainant how to ask for Head of Department review and by when, two weeks from the response', () => {
    // Sent Friday 27 March 2026 14:00 GMT: two calendar weeks later is Friday 10 April, 14:00 London time (BST).
    const body = writtenResponse(
      { stage: 'formal', requester: { name: 'Sam Student', affiliation: 'student' } },
      '2026-03-27T14:00:00Z',
    );
    expect(body).toContain('you may ask for a Head of Department review of your complaint');
    expect(body).toContain('reply to this message quoting F-10001');
    expect(body).toContain('by Friday 10 April at 14:00 London time');
  });

  it("names the route outside the desk for the complainant's affiliation after the Head of Department's review", () => {
    const student = writtenResponse(
      { stage: 'hod-review', requester: { name: 'Sam Student', affiliation: 'student' } },
      '2026-05-06T14:00:00Z',
    );
    expect(student).toContain('Office of the Proctors (Student Complaints)');
    expect(student).not.toContain('Registrar');
    const staff = writtenResponse(
      { stage: 'hod-review', requester: { name: 'Pat Staff', affiliation: 'staff' } },
      '2026-05-06T14:00:00Z',
    );
    expect(staff).toContain('the Registrar under the staff grievance procedure');
    expect(staff).not.toContain('Proctors');
    // Unknown affiliation: both routes, each saying whom it is for.
    const unknown = writtenResponse(
      { stage: 'hod-review', requester: { name: 'Alex Doe' } },
      '2026-05-06T14:00:00Z',
    );
    expect(unknown).toContain('• As a student');
    expect(unknown).toContain('• As a member of staff');
  });
});
