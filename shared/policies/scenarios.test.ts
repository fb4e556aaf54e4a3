import { describe, expect, it } from 'vitest';
import { computeCaseSla } from '../case-sla';
import { demoPeople } from '../demo';
import type { CaseEvent } from '../domain';
import { buildCase, type HistoryBuilder, historyOf } from '../domain/builders';
import type { Case } from '../domain/case';
import { applyCaseEvent } from '../domain/reduce';
import { findStaffNames, redactStaffNames } from '../domain/staff-names';
import { dueJobRuns } from '../escalation/jobs';
import type { ScheduledJob } from '../escalation/schema';
import { recipientsFor, stageOwnerFor } from '../notify';
import { compileCalendar } from '../sla/calendar';
import type { CompiledCalendar } from '../sla/calendar-types';
import {
  contextFor,
  type MutationRows,
  type MutatorArgs,
  type MutatorName,
  type RowChange,
  runMutator,
} from '../sync';
import { deskAgent as DESK_AGENT, putsOf } from '../test-support/desk';
import { createClock } from '../time/clock';
import { presetPolicies } from '.';
import { complaintPolicy } from './complaint';
import { escalationPolicy } from './escalation';
import { formalComplaintPolicy } from './formal-complaint';
import { fillUrgentContact, referralsOffered, responseRouteSentences } from './intake-rules';
import { queryPolicy } from './query';
import type { Policy } from './schema';
import { reviewWindowCloses, routesAfter } from './staged-response';
import { ukCalendarSpec } from './uk-calendar';

/*
 * Each preset walked with a moving clock, the way the app runs it: one timer set to the case's
 * nextDueAt (and the report job's nextAt), due ladder steps carried out and recorded, scripted
 * agent and requester actions in between. Expected instants are worked out by hand in the
 * comments. The UK calendar: Mon–Fri 09:00–17:00 Europe/London, England and Wales bank holidays
 * (2026: Good Friday 3 Apr, Easter Monday 6 Apr, early May 4 May, summer 31 Aug).
 * London is UTC until Sunday 29 March 2026 and UTC+1 (BST) until Sunday 25 October.
 */
const uk = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2028 }));

interface Scripted {
  at: string;
  label: string;
  act: (history: HistoryBuilder, now: string) => void;
}

interface DeskRun {
  caseRecord: Case;
  history: HistoryBuilder;
  policy: Policy;
  calendar: CompiledCalendar;
  until: string;
  script?: Scripted[];
  job?: ScheduledJob;
  jobLastRunAt?: string;
}

/** Runs the desk's timer loop and returns one line per wake-up: what happened, then the case's SLA state. */
function runDesk(run: DeskRun): string[] {
  const clock = createClock({ now: run.caseRecord.receivedAt });
  const script = [...(run.script ?? [])];
  const until = Date.parse(run.until);
  let lastRunAt = run.jobLastRunAt ? new Date(run.jobLastRunAt) : null;
  const log: string[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const now = clock.now();
    const nowIso = now.toISOString();
    const parts: string[] = [];
    while (script.length > 0 && Date.parse(script[0]!.at) <= now.getTime()) {
      const action = script.shift()!;
      action.act(run.history, nowIso);
      parts.push(action.label);
    }
    if (run.job) {
      const { run: jobRun } = dueJobRuns(run.job, lastRunAt, now, run.calendar);
      if (jobRun) {
        parts.push(`report ${jobRun.id}`);
        lastRunAt = now;
      }
    }
    let caseNow = run.history.events.reduce(applyCaseEvent, run.caseRecord);
    for (const step of computeCaseSla(caseNow, run.history.events, run.policy, run.calendar, now).escalation
      .due) {
      const raise = step.actions.raiseLevelTo;
      if (raise !== undefined && raise > caseNow.escalationLevel)
        run.history.escalated(nowIso, raise, step.id);
      run.history.prompted(nowIso, step.id, step.actions.notify);
      parts.push(`step ${step.id.split(':').slice(1).join(':')} → ${step.actions.notify.join('+')}`);
      caseNow = run.history.events.reduce(applyCaseEvent, run.caseRecord);
    }
    const sla = computeCaseSla(caseNow, run.history.events, run.policy, run.calendar, now);
    log.push(`${nowIso.slice(0, 16)} ${[...parts, sla.state].join(', ')}`);
    const wakes = [sla.nextDueAt?.getTime(), script[0] && Date.parse(script[0].at)];
    if (run.job) wakes.push(dueJobRuns(run.job, lastRunAt, now, run.calendar).nextAt?.getTime());
    const next = Math.min(...wakes.filter((t): t is number => t !== undefined && t > now.getTime()));
    if (!(next <= until)) break;
    clock.set(new Date(next));
  }
  return log;
}

describe('query escalation timeline', () => {
  it('walks a query logged on the Friday before the August bank holiday through days 2, 4, 7 and 14', () => {
    // Logged Friday 28 August 2026 15:00 BST (14:00Z). Monday 31 August is a bank holiday, so
    // working days after the day of logging are: 1 Tue 1 Sep, 2 Wed 2, 3 Thu 3, 4 Fri 4, 5 Mon 7,
    // 6 Tue 8, 7 Wed 9, 8 Thu 10, 9 Fri 11, 10 Mon 14, 11 Tue 15, 12 Wed 16, 13 Thu 17, 14 Fri 18.
    // Each step is due at close of business (17:00 BST = 16:00Z) on its working day.
    // First response (8 working hours): Fri 15–17 (2h) + Tue 09–15 (6h) → Tue 15:00 BST; warning
    // 2 working hours before, 13:00 BST (12:00Z); the reply at 10:30 BST comes first.
    // Fortnightly report (every second Monday 09:00 from 5 Jan 2026): 17 Aug, 31 Aug (bank
    // holiday → Tue 1 Sep 09:00 BST, 08:00Z), 14 Sep, 28 Sep (08:00Z).
    const policy = queryPolicy();
    const caseRecord = buildCase({
      id: 'q1',
      kind: 'query',
      receivedAt: '2026-08-28T14:00:00Z',
      status: 'open',
    });
    const history = historyOf(caseRecord).created();
    const log = runDesk({
      caseRecord,
      history,
      policy,
      calendar: uk,
      until: '2026-09-30T00:00:00Z',
      job: policy.jobs[0]!,
      jobLastRunAt: '2026-08-17T08:00:00Z',
      script: [{ at: '2026-09-01T09:30:00Z', label: 'first reply', act: (h, now) => h.reply(now) }],
    });
    expect(log).toEqual([
      '2026-08-28T14:00 on-track',
      '2026-09-01T08:00 report outstanding-queries-report:2026-08-31T09:00, on-track',
      '2026-09-01T09:30 first reply, none',
      '2026-09-02T16:00 step day-2-desk-prompt:1 → desk, none',
      '2026-09-04T16:00 step day-4-desk-prompt:1 → desk, none',
      '2026-09-09T16:00 step day-7-manager:1 → manager, none',
      '2026-09-14T08:00 report outstanding-queries-report:2026-09-14T09:00, none',
      '2026-09-18T16:00 step day-14-director:1 → manager+director, none',
      '2026-09-28T08:00 report outstanding-queries-report:2026-09-28T09:00, none',
    ]);
    const final = history.events.reduce(applyCaseEvent, caseRecord);
    expect(final.escalationLevel).toBe(2);
    // Replaying the recorded history later finds nothing left to do: each step happened once.
    expect(
      computeCaseSla(final, history.events, policy, uk, new Date('2026-10-30T00:00:00Z')).escalation.due,
    ).toEqual([]);
  });

  it('counts calendar days when the desk chooses to', () => {
    // Same local time N days after Friday 15:00 BST: Sun 30 Aug, Tue 1 Sep, Fri 4 Sep, Fri 11 Sep.
    const policy = queryPolicy({ dayCounting: 'calendar-days' });
    const caseRecord = buildCase({
      id: 'q2',
      kind: 'query',
      receivedAt: '2026-08-28T14:00:00Z',
      status: 'open',
    });
    const events = historyOf(caseRecord).created().reply('2026-08-28T14:30:00Z').events;
    const due = computeCaseSla(caseRecord, events, policy, uk, new Date('2026-09-20T00:00:00Z')).escalation
      .due;
    expect(due.map((s) => `${s.ruleId} ${s.dueAt.toISOString()}`)).toEqual([
      'day-2-desk-prompt 2026-08-30T14:00:00.000Z',
      'day-4-desk-prompt 2026-09-01T14:00:00.000Z',
      'day-7-manager 2026-09-04T14:00:00.000Z',
      'day-14-director 2026-09-11T14:00:00.000Z',
    ]);
  });
});

describe('staged formal complaint', () => {
  it('runs acknowledgement, response, review window and Head of Department response', () => {
    // Received Monday 2 March 2026 09:30 London (GMT) straight into the formal stage.
    // Acknowledge within 5 working days: the day of receipt does not count, so day 5 is Monday
    // 9 March, due at close of business 17:00 (= 17:00Z); warning 8 working hours before, 09:00.
    // Written response within 20 working days: 3–6, 9–13, 16–20, 23–27 March (19) and Monday
    // 30 March (20), 17:00 BST = 16:00Z; the "due soon" step is 24 working hours before it:
    // Thu 26 March 09:00 GMT.
    // The response goes out Friday 27 March 14:00 GMT, opening the 2-week review window until
    // Friday 10 April 14:00 BST (13:00Z). The complainant asks for review on Wednesday 8 April.
    // Head of Department: 20 working days after 8 April skipping Monday 4 May (bank holiday):
    // Thursday 7 May 17:00 BST = 16:00Z; warning 24 working hours before: Tue 5 May 09:00 BST.
    const policy = formalComplaintPolicy();
    const caseRecord = buildCase({
      id: 'f1',
      kind: 'formal-complaint',
      receivedAt: '2026-03-02T09:30:00Z',
      status: 'open',
      stage: 'formal',
      requester: { name: 'Sam Student', affiliation: 'student' },
    });
    const history = historyOf(caseRecord).created();
    const first = computeCaseSla(caseRecord, history.events, policy, uk, new Date('2026-03-02T09:30:00Z'));
    expect(first.clocks.find((c) => c.targetId === 'formal-acknowledgement')?.dueAt).toEqual(
      new Date('2026-03-09T17:00:00Z'),
    );
    const log = runDesk({
      caseRecord,
      history,
      policy,
      calendar: uk,
      until: '2026-06-30T00:00:00Z',
      script: [
        {
          at: '2026-03-09T16:00:00Z',
          label: 'acknowledged',
          act: (h, now) => h.reply(now, 'acknowledgement'),
        },
        { at: '2026-03-27T14:00:00Z', label: 'written response', act: (h, now) => h.reply(now, 'response') },
        {
          at: '2026-04-08T10:00:00Z',
          label: 'review requested',
          act: (h, now) => h.contact(now).stage(now, 'hod-review'),
        },
        { at: '2026-05-06T14:00:00Z', label: 'HoD response', act: (h, now) => h.reply(now, 'response') },
      ],
    });
    expect(log).toEqual([
      '2026-03-02T09:30 on-track',
      '2026-03-09T09:00 at-risk',
      '2026-03-09T16:00 acknowledged, on-track',
      '2026-03-26T09:00 step response-due-soon:1 → owner, at-risk',
      '2026-03-27T14:00 written response, none',
      // The Head of Department hears of the request at once (the step is keyed by the stage's entry, event 6).
      '2026-04-08T10:00 review requested, step hod-review-requested:f1-e6.1 → head-of-department, on-track',
      '2026-05-05T08:00 at-risk',
      '2026-05-06T14:00 HoD response, none',
    ]);
    const window = computeCaseSla(
      caseRecord,
      history.events,
      policy,
      uk,
      new Date('2026-04-01T00:00:00Z'),
    ).clocks.find((c) => c.targetId === 'hod-review-window');
    expect(window).toMatchObject({ state: 'open', dueAt: new Date('2026-04-10T13:00:00Z') });
    const stages = policy.stages.find((s) => s.id === 'external')?.externalRoutes;
    expect(stages?.find((r) => r.affiliation === caseRecord.requester.affiliation)?.body).toBe(
      'The Proctors',
    );
  });

  it('walks the procedure through the desk: work opens it, formal re-checks staff names, review needs the response, the HoD owns it', () => {
    // Oxford's formal complaint as the desk's mutators run it, with the clock moving. Logged informal on Monday
    // 2 March 2026 09:30 GMT for an Infrastructure team; the statement given when it turns formal names a member
    // of staff and is redacted first. A review asked for before the written response is refused; the response
    // goes out Friday 27 March 14:00 GMT and the case is resolved; the window runs to Friday 10 April 14:00 BST
    // (13:00Z); the review asked for on Wednesday 8 April belongs to Infrastructure's Head of Department, who is
    // told at once and owes the response by Thursday 7 May 17:00 BST (20 working days, 4 May a bank holiday).
    const policy = formalComplaintPolicy();
    const directory = demoPeople();
    const idOf = (name: string) => directory.people.find((p) => p.name === name)!.id;
    const desk = { cases: new Map<string, Case>(), events: [] as CaseEvent[] };
    const logged = buildCase({
      id: 'f2',
      kind: 'formal-complaint',
      receivedAt: '2026-03-02T09:30:00Z',
      status: 'new',
      stage: 'informal',
      teamId: 'team-networks',
      confidential: true,
      requester: { name: 'Sam Student', email: 'sam@student.example.ac.uk', affiliation: 'student' },
    });
    desk.cases.set(logged.id, { ...logged, policyId: 'formal-complaint', ref: 'F-10002' });
    desk.events.push(...historyOf(logged).created().events);
    let sequence = 0;
    const act = <N extends MutatorName>(at: string, name: N, args: MutatorArgs<N>, actor = DESK_AGENT.id) => {
      const rows: MutationRows = {
        cases: [...desk.cases.values()],
        events: desk.events,
        people: directory.people,
        policies: [policy],
        rowsById: { calendars: [ukCalendarSpec({ fromYear: 2025, toYear: 2028 })] },
      };
      const mutation = { clientId: 'desk-1', id: ++sequence, name, args, createdAt: at };
      const changes = runMutator(name, args, rows, contextFor(mutation, actor));
      for (const change of changes) {
        if (change.op !== 'put') continue;
        if (change.table === 'cases') desk.cases.set(change.row.id, change.row);
        if (change.table === 'events') desk.events.push(change.row);
      }
    };
    const kase = () => desk.cases.get('f2')!;
    const slaAt = (at: string) => computeCaseSla(kase(), desk.events, policy, uk, new Date(at));

    // Status follows the work: the desk's first note opens the case.
    act('2026-03-02T11:00:00.000Z', 'addNote', { caseId: 'f2', text: 'Spoke to the network team.' });
    expect(kase().status).toBe('open');

    // Informal to formal: the statement names Dr Kwame Mensah; the desk redacts it in one go, as at intake.
    const statement = 'Dr Mensah refused to restore my home drive before my thesis deadline.';
    const staff = directory.people.map((p) => p.name);
    expect(findStaffNames([statement], staff).map((m) => m.name)).toEqual(['Dr Kwame Mensah']);
    act('2026-03-02T14:00:00.000Z', 'changeStage', {
      caseId: 'f2',
      to: 'formal',
      fields: { statement: redactStaffNames(statement, staff) },
    });
    expect(kase().intake.statement).toBe(
      '[a member of staff] refused to restore my home drive before my thesis deadline.',
    );
    act('2026-03-02T14:05:00.000Z', 'setOwner', { caseId: 'f2', ownerId: idOf('Rachel Bishop') });

    // A review asked for before any written response is refused, saying why.
    expect(() => act('2026-03-06T10:00:00.000Z', 'requestHodReview', { caseId: 'f2' })).toThrow(
      'Head of Department review needs a written response first: F-10002 has had no written response at the formal complaint stage yet.',
    );

    act('2026-03-27T14:00:00.000Z', 'addReply', {
      caseId: 'f2',
      body: 'Our written response.',
      purpose: 'response',
    });
    act('2026-03-27T14:10:00.000Z', 'setStatus', { caseId: 'f2', status: 'resolved' });
    expect(reviewWindowCloses(policy, uk, 'formal', new Date('2026-03-27T14:00:00Z'))).toEqual(
      new Date('2026-04-10T13:00:00Z'),
    );
    expect(slaAt('2026-04-08T10:00:00Z').clocks.find((c) => c.kind === 'window')).toMatchObject({
      state: 'open',
      dueAt: new Date('2026-04-10T13:00:00Z'),
    });

    // The review belongs to the Head of Department of the case's division (Infrastructure), told at once.
    const hodStage = policy.stages.find((s) => s.id === 'hod-review');
    const hodId = stageOwnerFor(hodStage, kase(), directory);
    expect(hodId).toBe(idOf('Dr Kwame Mensah'));
    act('2026-04-08T10:00:00.000Z', 'requestHodReview', { caseId: 'f2', ownerId: hodId! });
    expect(kase()).toMatchObject({ stage: 'hod-review', status: 'open', ownerId: hodId, assigneeId: hodId });
    const atRequest = slaAt('2026-04-08T10:00:00Z');
    const told = atRequest.escalation.due.map((step) => ({
      rule: step.ruleId,
      due: step.dueAt.toISOString(),
      people: recipientsFor(step.actions.notify, kase(), directory, policy).map((r) => r.personId),
    }));
    expect(told).toEqual([
      { rule: 'hod-review-requested', due: '2026-04-08T10:00:00.000Z', people: [hodId] },
    ]);
    expect(atRequest.clocks.find((c) => c.targetId === 'hod-response')?.dueAt).toEqual(
      new Date('2026-05-07T16:00:00Z'),
    );
    // After the review, the student's route outside the desk is the Proctors.
    expect(routesAfter(policy, 'hod-review', 'student').routes.map((r) => r.body)).toEqual(['The Proctors']);
  });
});

describe('complaint', () => {
  it('extends the resolution deadline by exactly the working time spent pending the requester', () => {
    // Received Monday 2 March 2026 10:00 GMT; answered within the hour. Resolution: 20 working
    // days → Monday 30 March 17:00 BST (16:00Z). Pending the requester from Tuesday 10 March
    // 14:00 to Thursday 12 March 11:00: 3 + 8 + 2 = 13 working hours (780 minutes). The deadline
    // moves 13 working hours on from close of business on the 30th: Tuesday 31 March (8h) and
    // 5h of Wednesday 1 April → 14:00 BST (13:00Z).
    const policy = complaintPolicy();
    const caseRecord = buildCase({
      id: 'c1',
      kind: 'complaint',
      receivedAt: '2026-03-02T10:00:00Z',
      status: 'open',
    });
    const history = historyOf(caseRecord).created().reply('2026-03-02T10:45:00Z', 'acknowledgement');
    const resolution = (now: string) =>
      computeCaseSla(caseRecord, history.events, policy, uk, new Date(now)).clocks.find(
        (c) => c.targetId === 'resolution',
      )!;
    const unpaused = resolution('2026-03-10T12:00:00Z').dueAt!;
    expect(unpaused).toEqual(new Date('2026-03-30T16:00:00Z'));

    history.status('2026-03-10T14:00:00Z', 'pending-requester');
    const whilePaused = computeCaseSla(
      caseRecord,
      history.events,
      policy,
      uk,
      new Date('2026-03-11T12:00:00Z'),
    );
    expect(whilePaused.state).toBe('paused');
    expect(whilePaused.nextDueAt).toBeNull();

    history.contact('2026-03-12T10:55:00Z').status('2026-03-12T11:00:00Z', 'open');
    const after = resolution('2026-03-12T12:00:00Z');
    expect(after.dueAt).toEqual(new Date('2026-04-01T13:00:00Z'));
    expect(uk.workingMinutesBetween(unpaused, after.dueAt!)).toBe(780);
    expect(after.pausedMs).toBe(45 * 3_600_000);
    expect(after.state).toBe('running');
  });

  it('asks for a response within 24 hours, and flags the case when none came', () => {
    // Received Friday 6 March 16:00 GMT: 24 calendar hours end Saturday 16:00.
    const policy = complaintPolicy();
    const caseRecord = buildCase({
      id: 'c2',
      kind: 'complaint',
      receivedAt: '2026-03-06T16:00:00Z',
      status: 'open',
    });
    const events = historyOf(caseRecord).created().events;
    const saturday = computeCaseSla(caseRecord, events, policy, uk, new Date('2026-03-07T16:00:00Z'));
    expect(saturday.clocks[0]).toMatchObject({ targetId: 'first-response', state: 'breached' });
    expect(saturday.escalation.due.map((s) => s.id)).toEqual(['c2:response-overdue:1']);
    expect(saturday.escalation.due[0]!.actions.flagForPrompt).toBe(true);
    // The working-day setting reads "24 hours" as close of business on the next working day.
    const lenient = complaintPolicy({ firstResponse: { amount: 1, unit: 'working-days' } });
    expect(
      computeCaseSla(caseRecord, events, lenient, uk, new Date('2026-03-07T16:00:00Z')).clocks[0],
    ).toMatchObject({
      state: 'running',
      dueAt: new Date('2026-03-09T17:00:00Z'),
    });
  });

  it('logs a complaint about a ticket the desk cannot find, keeps the number as text, and offers the ICO for personal data', () => {
    // Dr O'Neill-Ní Bhriain rings on Monday 2 March about "q 99999", a ticket from the old system, and says the
    // complaint concerns her personal data.
    const logged = logAtDesk('createCase', {
      kind: 'complaint',
      subject: 'My records were shared with the wrong department',
      requester: {
        name: 'Dr Aoife O’Neill-Ní Bhriain',
        email: 'aoife.oneill@example.ac.uk',
        phone: '+44 1865 270000',
        bestTimeToCall: 'Mornings',
      },
      intake: {
        description: 'My case notes were emailed to another department.',
        'desired-remedy': 'Confirm they have been deleted.',
        'related-ticket': 'q 99999',
        'concerns-personal-data': 'yes',
      },
    });
    const complaint = casePuts(logged)[0]!;
    expect(complaint).toMatchObject({
      kind: 'complaint',
      originalCaseId: null,
      originalTicketRef: 'Q-99999',
      requester: { phone: '01865 270000' },
      intake: { 'related-ticket': 'Q-99999', 'concerns-personal-data': 'yes' },
    });
    const notes = eventPuts(logged).filter((e) => e.type === 'note');
    expect(notes.map((e) => e.type === 'note' && e.text)).toEqual([
      expect.stringContaining('The quoted ticket Q-99999 is not in this desk’s store'),
    ]);
    // Respond within 24 hours: the acknowledgement greets her properly and is that response.
    const acknowledgement = outboundPuts(logged)[0]!;
    expect(acknowledgement.body.split('\n')[0]).toBe('Dear Dr O’Neill-Ní Bhriain,');
    const policy = complaintPolicy();
    expect(referralsOffered(policy, complaint).map((r) => r.body)).toEqual([
      "Information Commissioner's Office",
    ]);
    expect(responseRouteSentences(policy, complaint)).toEqual([
      expect.stringContaining("you may also complain to the Information Commissioner's Office"),
    ]);
    // Without the flag the ICO is neither offered nor mentioned.
    const notPersonal = { intake: { ...complaint.intake, 'concerns-personal-data': 'no' } };
    expect(referralsOffered(policy, notPersonal)).toEqual([]);
    expect(responseRouteSentences(policy, notPersonal)).toEqual([]);
  });

  it('links a complaint quoting a ticket the desk has, written canonically, and refuses a phone that is not one', () => {
    const original = buildCase({
      id: 'q-10474',
      ref: 'Q-10474',
      kind: 'query',
      receivedAt: '2026-02-27T09:00:00Z',
    });
    const args = {
      kind: 'complaint' as const,
      subject: 'Nobody answered my escalation',
      requester: { name: 'Olivia Hughes', phone: '020 7882 8888', bestTimeToCall: 'After 2pm' },
      intake: {
        description: 'Two weeks and no answer.',
        'desired-remedy': 'An answer.',
        'related-ticket': 'q 10474',
      },
    };
    const linked = casePuts(logAtDesk('createCase', args, [original]))[0]!;
    expect(linked).toMatchObject({ originalCaseId: 'q-10474', originalTicketRef: 'Q-10474' });
    expect(() =>
      logAtDesk('createCase', { ...args, requester: { ...args.requester, phone: 'call me maybe' } }),
    ).toThrow(
      expect.objectContaining({
        fields: {
          'requester.phone':
            'That isn’t a phone number: give the digits to call (e.g. 01865 270000 or +44 1865 270000).',
        },
      }),
    );
  });
});

describe('escalation of an existing ticket', () => {
  it('needs an owner, is acknowledged, and keeps the requester updated until resolved', () => {
    // Received Tuesday 3 March 2026 15:00 GMT, linked to ticket T-100. Owner needed after one
    // working hour (16:00). Acknowledgement (4 working hours): Tue 15–17 + Wed 09–11 → Wed 11:00,
    // warning at 75% (3 working hours): Wed 10:00. The acknowledgement at Wed 09:45 starts the
    // update cadence: 2 working days → close of business Friday 6 March 17:00, warning at 75% of
    // its 23 working hours (Wed 7h + Thu 8h + Fri 8h) = 17h15m → Fri 11:00. The update at Fri
    // 10:00 starts cycle 2: due Tuesday 10 March 17:00, warning at 75% of 7+8+8 = 23h → Tue 11:15.
    // Nobody writes: at Tue 17:00 the cadence breaches and the update-overdue step fires.
    const policy = escalationPolicy({
      urgentContact: { phone: '020 7882 8888', chatUrl: 'https://chat.example.ac.uk/' },
    });
    const caseRecord = buildCase({
      id: 'x1',
      kind: 'escalation',
      receivedAt: '2026-03-03T15:00:00Z',
      status: 'open',
      originalCaseId: 'q-100',
      originalTicketRef: 'T-100',
    });
    const history = historyOf(caseRecord).created();
    const log = runDesk({
      caseRecord,
      history,
      policy,
      calendar: uk,
      until: '2026-03-31T00:00:00Z',
      script: [
        { at: '2026-03-03T16:30:00Z', label: 'owner named', act: (h, now) => h.owner(now, 'owner-1') },
        {
          at: '2026-03-04T09:45:00Z',
          label: 'acknowledged',
          act: (h, now) => h.reply(now, 'acknowledgement'),
        },
        { at: '2026-03-06T10:00:00Z', label: 'update', act: (h, now) => h.reply(now, 'update') },
        { at: '2026-03-11T12:00:00Z', label: 'resolved', act: (h, now) => h.status(now, 'resolved') },
      ],
    });
    expect(log).toEqual([
      '2026-03-03T15:00 on-track',
      '2026-03-03T16:00 step owner-needed:1 → desk+manager, on-track',
      '2026-03-03T16:30 owner named, on-track',
      '2026-03-04T09:45 acknowledged, on-track',
      '2026-03-06T10:00 update, on-track',
      '2026-03-10T11:15 at-risk',
      // The step's occurrence names the cycle's start: x1-e5 is Friday's update (events: created,
      // owner-needed step, owner, acknowledgement, update).
      '2026-03-10T17:00 step update-overdue:x1-e5.1 → owner+manager, breached',
      '2026-03-11T12:00 resolved, none',
    ]);
    expect(policy.intake.requiresOriginalTicket).toBe(true);
    expect(fillUrgentContact(policy.intake.notices[0]!.text, policy.intake.urgentContact)).toContain(
      'phone the Service Desk on 020 7882 8888 or use live chat at https://chat.example.ac.uk/',
    );
  });

  it('names the urgent routes at intake and in the acknowledgement, and not the leadership team', () => {
    const original = buildCase({
      id: 'q-10474',
      ref: 'Q-10474',
      kind: 'query',
      receivedAt: '2026-02-27T09:00:00Z',
    });
    const policy = escalationPolicy();
    const notice = fillUrgentContact(policy.intake.notices[0]!.text, policy.intake.urgentContact);
    expect(notice).toContain('phone the Service Desk on 020 7946 0000');
    expect(notice).toContain('live chat at https://servicedesk.example.ac.uk/chat');
    expect(notice).toContain('do not contact the leadership team directly');
    // An escalation quoting a ticket the desk has never seen is refused: it must link to the original.
    const args = {
      kind: 'escalation' as const,
      subject: 'Still no Eduroam',
      requester: { name: 'Prof. Jan van der Berg', email: 'j.vanderberg@example.ac.uk' },
      intake: { 'original-ticket': 'q 10474', grounds: 'service-level', impact: 'A week without wifi.' },
      ownerId: DESK_AGENT.id,
      assigneeId: DESK_AGENT.id,
    };
    expect(() =>
      logAtDesk('createCase', { ...args, intake: { ...args.intake, 'original-ticket': 'Q-99999' } }),
    ).toThrow(/No case has the reference Q-99999/);
    const logged = logAtDesk('createCase', args, [original]);
    expect(casePuts(logged)[0]).toMatchObject({ originalCaseId: 'q-10474', originalTicketRef: 'Q-10474' });
    const acknowledgement = outboundPuts(logged)[0]!.body;
    expect(acknowledgement.split('\n')[0]).toBe('Dear Prof van der Berg,');
    expect(acknowledgement).toContain('phone the Service Desk on 020 7946 0000');
    expect(acknowledgement).toContain('live chat at https://servicedesk.example.ac.uk/chat');
    expect(acknowledgement).toContain('please do not contact the leadership team directly');
  });
});

/** Runs a mutator the way the desk does, on a store holding `cases`, the presets and the UK calendar. */
function logAtDesk<N extends MutatorName>(name: N, args: MutatorArgs<N>, cases: Case[] = []): RowChange[] {
  const rows: MutationRows = {
    cases,
    events: [],
    people: [DESK_AGENT],
    policies: presetPolicies(),
    rowsById: { calendars: [ukCalendarSpec({ fromYear: 2025, toYear: 2028 })] },
  };
  const mutation = { clientId: 'desk-1', id: 1, name, args, createdAt: '2026-03-02T10:00:00.000Z' };
  return runMutator(name, args, rows, contextFor(mutation, DESK_AGENT.id));
}

const casePuts = (changes: RowChange[]) => putsOf(changes, 'cases');
const eventPuts = (changes: RowChange[]) => putsOf(changes, 'events');
const outboundPuts = (changes: RowChange[]) => putsOf(changes, 'outboundMessages');
