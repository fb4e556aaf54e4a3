import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPeople } from '../../shared/demo';
import type { Case } from '../../shared/domain';
import { NO_SLA } from '../../shared/sync/sla-summary';
import { aQuery } from '../../shared/test-support/desk';
import { createClock } from '../../shared/time';
import { type CaseStore, openCaseStore, seedIfEmpty, toCaseRow } from '../db';
import { loadDeskContext } from '../escalation-runner/desk-context';
import { loadQueues } from '../features/escalations/queues';
import { caseAccessFor, currentAccess, currentViewer, MACHINE_OWNER, setIdentityPending, viewerFor } from '.';

const directory = demoPeople();
const person = (name: string) => directory.people.find((p) => p.name === name)!;
// Chloe is a desk agent who does not handle complaints; Ana does; Joanne leads the desk's team.
const chloe = person('Chloe Nguyen');
const ana = person('Ana Patel');
const joanne = person('Joanne Fletcher');
let dbCount = 0;
const opened: CaseStore[] = [];

afterEach(() => {
  for (const store of opened.splice(0)) store.db.close();
});

/** A query in the demo desk's service desk team, logged Monday 2 March 2026 at 09:00. */
function aCase(overrides: Partial<Case>): Case {
  const logged = '2026-03-02T09:00:00.000Z';
  return aQuery({
    teamId: 'team-service-desk',
    receivedAt: logged,
    createdAt: logged,
    updatedAt: logged,
    ...overrides,
  });
}

const query = aCase({});
const chloesComplaint = aCase({
  id: 'case-2',
  ref: 'F-10002',
  kind: 'formal-complaint',
  policyId: 'formal-complaint',
  stage: 'formal',
  subject: 'Lost exam upload',
  confidential: true,
  assigneeId: chloe.id,
});
const othersComplaint = aCase({
  id: 'case-3',
  ref: 'F-10003',
  kind: 'formal-complaint',
  policyId: 'formal-complaint',
  stage: 'formal',
  subject: 'Rude reply from the desk',
  confidential: true,
  assigneeId: ana.id,
});
const markedQuery = aCase({ id: 'case-4', ref: 'Q-10004', confidential: true, subject: 'A personal matter' });

async function deskStore(actorId: string | null): Promise<CaseStore> {
  const clock = createClock({ now: '2026-03-03T10:00:00Z' });
  const store = await openCaseStore({ name: `access-test-${++dbCount}`, clock, actorId });
  opened.push(store);
  // The demo desk's policies, calendar, people and teams, without its cases.
  await seedIfEmpty(store, { cases: 0 });
  await store.db.cases.bulkPut(
    [query, chloesComplaint, othersComplaint, markedQuery].map((c) => toCaseRow(c, NO_SLA)),
  );
  return store;
}

describe('who the renderer shows a case to', () => {
  it('gives the owner of a standalone desk nobody has named every case', async () => {
    const store = await deskStore(null);
    const access = await currentAccess(store);
    expect(access.viewer).toBe(MACHINE_OWNER);
    expect(access.hidden.size).toBe(0);
    expect(access.visibleCases([query, chloesComplaint, othersComplaint, markedQuery])).toHaveLength(4);
  });

  it('hides from an agent without confidential access the confidential cases that are not hers', async () => {
    const store = await deskStore(chloe.id);
    const access = await currentAccess(store);
    expect([...access.hidden].sort()).toEqual(['case-3', 'case-4']);
    expect(access.visibleIds(['case-1', 'case-2', 'case-3', 'case-4'])).toEqual(['case-1', 'case-2']);
    expect(access.maySee(othersComplaint)).toBe(false);
    expect(access.maySee(chloesComplaint)).toBe(true);
  });

  it('lets the roles a policy names see its confidential cases, and no others', async () => {
    const store = await deskStore(null);
    const lineManager = { ...joanne, seesConfidential: false };
    const director = { ...person('Helen Armstrong'), seesConfidential: false };
    expect((await caseAccessFor(store, lineManager)).hidden.size).toBe(3);
    // The formal-complaint policy names directors; a query marked confidential names nobody.
    expect([...(await caseAccessFor(store, director)).hidden]).toEqual(['case-4']);
  });

  it('gives someone the directory does not know yet, or not yet found, the least access', async () => {
    expect(viewerFor('person-new', directory.people)).toMatchObject({
      role: 'agent',
      seesConfidential: false,
    });
    const store = await deskStore(null);
    setIdentityPending(store, true);
    expect((await currentViewer(store)).seesConfidential).toBe(false);
    expect((await currentAccess(store)).hidden.size).toBe(3);
  });

  it('shows an agent her own confidential formal complaint in the escalation queues, and not a colleague’s', async () => {
    const store = await deskStore(chloe.id);
    const context = await loadDeskContext(store.db);
    const queues = await loadQueues(store.db, context, store.clock.now(), await currentViewer(store));
    expect(queues.complaints.map((row) => row.kase.ref)).toEqual(['F-10002']);
    const all = await loadQueues(store.db, context, store.clock.now(), null);
    expect(all.complaints.map((row) => row.kase.ref).sort()).toEqual(['F-10002', 'F-10003']);
  });
});
