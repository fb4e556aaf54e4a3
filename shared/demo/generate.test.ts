import { describe, expect, it } from 'vitest';
import { applyCaseEvent, Case, CaseEvent, type CaseKind, isOpenStatus } from '../domain';
import {
  Contact,
  contextFor,
  linkEventId,
  type MutationRows,
  type MutatorArgs,
  type MutatorName,
  Person,
  prepareMutation,
  type RowChange,
  stepEventIds,
  Team,
} from '../sync';
import { demoChunks, demoSettings, generateDemo } from './index';

const NOW = '2026-03-02T10:00:00.000Z';
const demo = generateDemo({ cases: 3000, now: NOW, seed: 7 });
const eventsByCase = new Map<string, CaseEvent[]>();
for (const event of demo.events)
  eventsByCase.set(event.caseId, [...(eventsByCase.get(event.caseId) ?? []), event]);
const byId = new Map(demo.cases.map((c) => [c.id, c]));

describe('the demo desk', () => {
  it('is the same desk every time for the same seed and now, whether made at once or in chunks', () => {
    expect(generateDemo({ cases: 3000, now: NOW, seed: 7 })).toEqual(demo);
    const chunked = [...demoChunks({ cases: 3000, now: NOW, seed: 7 }, 700)];
    expect(chunked.flatMap((c) => c.cases)).toEqual(demo.cases);
    expect(chunked.flatMap((c) => c.events)).toEqual(demo.events);
    expect(generateDemo({ cases: 3000, now: NOW, seed: 8 }).cases).not.toEqual(demo.cases);
  });

  it('has a Head of Department for every division, who reports to its director', () => {
    const divisions = [...new Set(demo.teams.map((t) => t.division))].sort();
    const heads = demo.people.filter((p) => p.role === 'head-of-department');
    expect(heads.map((p) => p.division).sort()).toEqual(divisions);
    for (const head of heads) {
      const director = demo.people.find((p) => p.id === head.lineManagerId);
      expect(director).toMatchObject({ role: 'director', division: head.division });
    }
  });

  it('writes rows the domain schemas accept', () => {
    for (const kase of demo.cases.slice(0, 300)) Case.parse(kase);
    for (const event of demo.events.slice(0, 3000)) CaseEvent.parse(event);
    for (const contact of demo.contacts.slice(0, 300)) Contact.parse(contact);
    for (const person of demo.people) Person.parse(person);
    for (const team of demo.teams) Team.parse(team);
  });

  it('has every case as its own history leaves it (replayed through the shared reducer)', () => {
    for (const kase of demo.cases) {
      // A later escalation's link back to its original is written with the escalation, after the original's
      // row: it is on the original's timeline but leaves the row as it was (it changes no field but updatedAt).
      const history = (eventsByCase.get(kase.id) ?? [])
        .filter((e) => !(e.type === 'linked' && e.relation === 'related'))
        .toSorted((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const start: Case = { ...kase, status: 'new', escalationLevel: 0, assigneeId: null, ownerId: null };
      const replayed = history.reduce(applyCaseEvent, {
        ...start,
        stage: demoSettings(NOW).policies.find((p) => p.caseKind === kase.kind)!.initialStage,
        needsPrompt: false,
        resolvedAt: null,
        closedAt: null,
        externalReferral: null,
      });
      expect(replayed, kase.ref).toEqual(kase);
    }
  });

  it('mixes the four kinds as a university desk sees them', () => {
    const share = (kind: CaseKind) => demo.cases.filter((c) => c.kind === kind).length / demo.cases.length;
    expect(share('query')).toBeGreaterThan(0.78);
    expect(share('complaint')).toBeGreaterThan(0.05);
    expect(share('escalation')).toBeGreaterThan(0.03);
    expect(share('formal-complaint')).toBeGreaterThan(0.02);
  });

  it('spreads arrivals over the last twelve weeks, older cases mostly closed and newer ones open', () => {
    const now = Date.parse(NOW);
    const ages = demo.cases.map((c) => (now - Date.parse(c.receivedAt)) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeGreaterThan(70);
    expect(Math.max(...ages)).toBeLessThanOrEqual(84);
    const openShare = (cases: Case[]) => cases.filter((c) => isOpenStatus(c.status)).length / cases.length;
    const recent = demo.cases.filter((_, i) => ages[i]! < 3);
    const old = demo.cases.filter((_, i) => ages[i]! > 30);
    expect(openShare(recent)).toBeGreaterThan(0.4);
    expect(openShare(old)).toBeLessThan(0.1);
    const statuses = new Set(demo.cases.map((c) => c.status));
    expect([...statuses].sort()).toEqual([
      'closed',
      'in-progress',
      'new',
      'open',
      'pending-requester',
      'pending-third-party',
      'resolved',
    ]);
  });

  it('numbers cases in arrival order and never records anything after now', () => {
    const refs = demo.cases.map((c) => Number(c.ref.slice(2)));
    expect(new Set(refs).size).toBe(refs.length);
    for (let i = 1; i < demo.cases.length; i++) {
      expect(demo.cases[i]!.receivedAt >= demo.cases[i - 1]!.receivedAt).toBe(true);
    }
    expect(demo.events.every((e) => e.at <= NOW)).toBe(true);
  });

  it('links every escalation to an earlier query it quotes, and the query back to it', () => {
    const escalations = demo.cases.filter((c) => c.kind === 'escalation');
    expect(escalations.length).toBeGreaterThan(50);
    for (const escalation of escalations) {
      const original = byId.get(escalation.originalCaseId!)!;
      expect(original.kind).toBe('query');
      expect(escalation.originalTicketRef).toBe(original.ref);
      expect(original.receivedAt < escalation.receivedAt).toBe(true);
      const back = eventsByCase
        .get(original.id)!
        .filter((e) => e.type === 'linked' && e.otherCaseId === escalation.id);
      expect(back).toHaveLength(1);
    }
  });

  it('has formal complaints at every stage, and complaints confidential', () => {
    const stages = new Set(demo.cases.filter((c) => c.kind === 'formal-complaint').map((c) => c.stage));
    expect([...stages].sort()).toEqual(['external', 'formal', 'hod-review', 'informal']);
    const complaints = demo.cases.filter((c) => c.kind === 'complaint' || c.kind === 'formal-complaint');
    expect(complaints.every((c) => c.confidential)).toBe(true);
    const external = demo.cases.filter((c) => c.stage === 'external');
    expect(external.every((c) => c.externalReferral !== null)).toBe(true);
  });

  it('has old open queries escalated to the manager and the director by the ladder', () => {
    const open = demo.cases.filter((c) => c.kind === 'query' && isOpenStatus(c.status));
    expect(open.some((c) => c.escalationLevel === 1)).toBe(true);
    expect(open.some((c) => c.escalationLevel === 2)).toBe(true);
    const stepped = demo.events.filter((e) => e.type === 'prompted');
    expect(stepped.length).toBeGreaterThan(0);
  });

  it('assigns cases to real people of the directory, and names a manager and directors', () => {
    const people = new Set(demo.people.map((p) => p.id));
    expect(demo.cases.every((c) => c.assigneeId === null || people.has(c.assigneeId))).toBe(true);
    expect(demo.people.filter((p) => p.role === 'manager')).toHaveLength(1);
    expect(demo.people.filter((p) => p.role === 'director').length).toBeGreaterThanOrEqual(3);
    expect(demo.cases.some((c) => c.assigneeId === null && isOpenStatus(c.status))).toBe(true);
  });
});

describe('the demo desk records its events as the mutators do', () => {
  const policies = demoSettings(NOW).policies;

  /** Runs a mutation on the demo desk as a store would: the mutator sees only the rows it asked for. */
  function runOnDemo<N extends MutatorName>(name: N, args: MutatorArgs<N>): RowChange[] {
    const prepared = prepareMutation(name, args);
    const { caseIds = [], eventIds = [], eventsOfCases = [], personIds = [] } = prepared.reads;
    const rows: MutationRows = {
      cases: demo.cases.filter((c) => caseIds.includes(c.id)),
      events: demo.events.filter((e) => eventIds.includes(e.id) || eventsOfCases.includes(e.caseId)),
      people: demo.people.filter((p) => personIds.includes(p.id)),
      policies,
    };
    return prepared.run(rows, contextFor({ clientId: 'desk-a', id: 1, name, args, createdAt: NOW }, null));
  }

  const steps = demo.events.filter(
    (e): e is Extract<CaseEvent, { type: 'prompted' | 'escalated' }> =>
      e.type === 'prompted' || e.type === 'escalated',
  );

  it('names each ladder step’s events with the ids every desk gives that step', () => {
    expect(steps.length).toBeGreaterThan(100);
    for (const event of steps) {
      const ids = stepEventIds(event.caseId, event.stepId ?? 'none');
      expect(event.id).toBe(event.type === 'prompted' ? ids.prompted : ids.escalated);
    }
  });

  it('lets a desk carrying out a step the demo already recorded find it by id, and record nothing twice', () => {
    const recorded = steps.filter(
      (e): e is Extract<CaseEvent, { type: 'prompted' }> =>
        e.type === 'prompted' && isOpenStatus(byId.get(e.caseId)!.status),
    );
    expect(recorded.length).toBeGreaterThan(20);
    for (const step of recorded.slice(0, 50)) {
      const args = {
        caseId: step.caseId,
        stepId: step.stepId,
        ruleId: step.ruleId,
        notified: step.notified,
        flagForPrompt: step.flagForPrompt,
      } satisfies MutatorArgs<'markPrompted'>;
      expect(prepareMutation('markPrompted', args).reads.eventsOfCases).toEqual([]);
      expect(runOnDemo('markPrompted', args), step.id).toEqual([]);
    }
  });

  it('links escalations with the link ids the mutators use, so linking them again is refused', () => {
    const escalation = demo.cases.find((c) => c.kind === 'escalation')!;
    const original = byId.get(escalation.originalCaseId!)!;
    const ids = demo.events.filter((e) => e.type === 'linked').map((e) => e.id);
    expect(ids).toContain(linkEventId(escalation.id, original.id));
    expect(ids).toContain(linkEventId(original.id, escalation.id));
    expect(() => runOnDemo('linkCases', { caseId: escalation.id, otherCaseId: original.id })).toThrow(
      'already linked',
    );
  });
});
