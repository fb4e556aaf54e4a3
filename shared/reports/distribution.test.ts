import { describe, expect, it } from 'vitest';
import { maySeeCase } from '../access';
import { demoPeople } from '../demo';
import { buildCase } from '../domain/builders';
import { queryPolicy } from '../policies';
import { groupsSeenBy, reportRecipients, scopedOutstanding } from './distribution';
import { outstandingGroups } from './outstanding';

const directory = demoPeople();
const idOf = (name: string) => directory.people.find((p) => p.name === name)!.id;
const NOW = '2026-04-13T08:00:00Z';
const header = { generatedAt: NOW, period: null, timeZone: 'Europe/London', ageUnit: 'working days' };

/** Open queries owned by second-line staff in two divisions, and one nobody owns. */
function cases() {
  const query = (id: string, owner: string | null) =>
    buildCase({
      id,
      kind: 'query',
      receivedAt: '2026-03-20T10:00:00Z',
      status: 'open',
      assigneeId: owner === null ? null : idOf(owner),
    });
  return [
    query('q1', 'Liam Foster'), // Identity and Access: line manager Karen Whitfield, Digital Services
    query('q2', 'Maya Desai'), // the same team
    query('q3', 'Pippa Marsh'), // Networks: Owen Gallagher, Infrastructure
    query('q4', 'Umar Sheikh'), // Devices and Print: Tessa Holloway, Infrastructure
    query('q5', null),
  ];
}

/** The query preset's job as a desk edits it: read, never hard-wired. */
const job = queryPolicy().jobs[0]!;
if (job.action.type !== 'outstanding-cases-report')
  throw new Error('the query preset reports outstanding cases');
const audience = job.action;

describe('the fortnightly report reaches the people it escalates to', () => {
  const groups = outstandingGroups(cases(), { directory, now: NOW });
  const recipients = reportRecipients(groups, audience, directory);
  const byName = new Map(
    recipients.map((r) => [directory.people.find((p) => p.id === r.personId)!.name, r.scope]),
  );

  it('gives the service desk manager all of it, each line manager their teams and each director their division', () => {
    expect(audience.escalateTo).toEqual(['line-manager', 'director']);
    expect([...byName.keys()].sort()).toEqual([
      'Helen Armstrong',
      'Karen Whitfield',
      'Martin Sykes',
      'Owen Gallagher',
      'Rachel Bishop',
      'Tessa Holloway',
    ]);
    expect(byName.get('Rachel Bishop')).toEqual({ kind: 'all' });
    // Nobody owns q5: it has no line manager, and Academic Technology has no outstanding query at all.
    expect(byName.has('Dr Priya Raman')).toBe(false);
    expect(byName.has('Catherine Ellis')).toBe(false);
  });

  it('sends a line manager the section of their team’s cases and nothing of others', () => {
    const part = scopedOutstanding(groups, byName.get('Karen Whitfield')!, header);
    expect(part.allCases.rows.map((c) => c.ref).sort()).toEqual(['Q1', 'Q2']);
    expect(part.sections.map((s) => s.title)).toEqual([
      'Summary',
      'Digital Services — line manager: Karen Whitfield',
    ]);
    expect(part.total.total).toBe(2);
  });

  it('sends a director the overview of their division: the summary per line manager, no case lists', () => {
    const part = scopedOutstanding(groups, byName.get('Martin Sykes')!, header);
    expect(part.summary.map((l) => [l.group, l.total])).toEqual([
      ['Infrastructure — line manager: Owen Gallagher', 1],
      ['Infrastructure — line manager: Tessa Holloway', 1],
    ]);
    expect(part.sections.map((s) => s.id)).toEqual(['summary']);
    expect(part.title).toBe('Outstanding cases: Infrastructure overview');
  });

  it('reads escalateTo as data: without it only the manager gets the report', () => {
    const managerOnly = reportRecipients(groups, { notify: audience.notify, escalateTo: [] }, directory);
    expect(managerOnly.map((r) => r.personId)).toEqual([idOf('Rachel Bishop')]);
    const linesOnly = reportRecipients(groups, { notify: [], escalateTo: ['line-manager'] }, directory);
    expect(linesOnly.map((r) => r.personId).sort()).toEqual(
      [idOf('Karen Whitfield'), idOf('Owen Gallagher'), idOf('Tessa Holloway')].sort(),
    );
  });

  it('never leaves someone inactive on the list', () => {
    const away = {
      ...directory,
      people: directory.people.map((p) => (p.name === 'Owen Gallagher' ? { ...p, active: false } : p)),
    };
    expect(reportRecipients(groups, audience, away).map((r) => r.personId)).not.toContain(
      idOf('Owen Gallagher'),
    );
  });
});

describe('a part of the report holds only the cases its reader may see', () => {
  it('leaves a confidential query out of a line manager’s section, with the counts made again', () => {
    const all = cases().map((c) =>
      c.id === 'q2' ? { ...c, confidential: true, escalationLevel: 1 as const } : c,
    );
    const groups = outstandingGroups(all, { directory, now: NOW });
    // A line manager this desk has not given confidential access.
    const karen = { ...directory.people.find((p) => p.name === 'Karen Whitfield')!, seesConfidential: false };
    const byId = new Map(all.map((c) => [c.id, c]));
    const seen = groupsSeenBy(groups, (c) => maySeeCase(karen, byId.get(c.id)!, queryPolicy()));
    const scope = { kind: 'part' as const, lineManagerIds: [karen.id], divisions: [] };
    const part = scopedOutstanding(seen, scope, header);
    expect(part.allCases.rows.map((c) => c.ref)).toEqual(['Q1']);
    expect(part.total.total).toBe(1);
    expect(part.total.levels[1]).toBe(0);
    expect(part.confidential ?? false).toBe(false);
    // The whole report, for someone who may see it, still has both.
    expect(
      scopedOutstanding(groups, scope, header)
        .allCases.rows.map((c) => c.ref)
        .sort(),
    ).toEqual(['Q1', 'Q2']);
  });

  it('drops a group whose every case is hidden', () => {
    const groups = outstandingGroups(cases(), { directory, now: NOW });
    const seen = groupsSeenBy(groups, (c) => c.id !== 'q3');
    expect(seen.map((g) => g.lineManager)).not.toContain('Owen Gallagher');
    expect(seen).toHaveLength(groups.length - 1);
  });
});
