/**
 * The people, case and calendar that tests of the desk's rules share, and how they read a change's rows. For
 * tests only: a test states what it needs beyond these with overrides, so it still reads on its own.
 */
import type { Case } from '../domain';
import type { CalendarSpec } from '../sla';
import type { Person, RowChange } from '../sync';

/** Ana Patel, a service desk agent who does not see confidential cases. */
export const deskAgent: Person = {
  id: 'p-ana',
  name: 'Ana Patel',
  email: 'ana.patel@example.ac.uk',
  role: 'agent',
  teamId: 'team-desk',
  division: 'Digital Services',
  lineManagerId: null,
  seesConfidential: false,
  active: true,
};

/** Someone else at the desk: Ana's details but for the ones given. */
export function deskPerson(fields: Partial<Person> & Pick<Person, 'id' | 'name'>): Person {
  return { ...deskAgent, ...fields };
}

/** Rachel Bishop, the desk's manager. */
export const deskManager: Person = deskPerson({ id: 'p-rachel', name: 'Rachel Bishop', role: 'manager' });

/** An open, unassigned query logged on Friday 27 February 2026 at 09:00. */
export function aQuery(overrides: Partial<Case> = {}): Case {
  return {
    id: 'case-1',
    ref: 'Q-10001',
    kind: 'query',
    policyId: 'query',
    calendarId: 'uk-england-and-wales',
    subject: 'Eduroam won’t connect on my laptop',
    description: 'It asks for my password again and again.',
    status: 'open',
    priority: 'normal',
    stage: null,
    escalationLevel: 0,
    teamId: 'team-desk',
    ownerId: null,
    assigneeId: null,
    confidential: false,
    needsPrompt: false,
    requester: { name: 'Olivia Hughes', email: 'olivia.hughes@student.example.ac.uk' },
    intake: {},
    originalCaseId: null,
    originalTicketRef: null,
    externalReferral: null,
    receivedAt: '2026-02-27T09:00:00.000Z',
    createdAt: '2026-02-27T09:00:00.000Z',
    updatedAt: '2026-02-27T09:00:00.000Z',
    resolvedAt: null,
    closedAt: null,
    ...overrides,
  };
}

const nineToFive = [{ start: '09:00', end: '17:00' }];

/** An office open 09:00–17:00 on weekdays in London, with no holidays. */
export const officeCalendar: CalendarSpec = {
  id: 'office',
  name: 'Office',
  timeZone: 'Europe/London',
  hours: { MO: nineToFive, TU: nineToFive, WE: nineToFive, TH: nineToFive, FR: nineToFive },
  holidays: [],
  recurringHolidays: [],
  closures: [],
};

/** The rows a change puts into `table`. */
export function putsOf<T extends RowChange['table']>(changes: readonly RowChange[], table: T) {
  return changes.flatMap((c) => (c.op === 'put' && c.table === table ? [c.row] : [])) as Extract<
    RowChange,
    { op: 'put'; table: T }
  >['row'][];
}
