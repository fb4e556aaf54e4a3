import { describe, expect, it } from 'vitest';
import { escalationPolicy, formalComplaintPolicy, queryPolicy } from '../../../shared/policies';
import { ukCalendarSpec } from '../../../shared/policies/uk-calendar';
import { calendarDraft, calendarFromDraft } from './calendar-draft';
import { newHolidays, readHolidayFile } from './holiday-import';
import { policyDraft, policyFromDraft } from './policy-draft';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('editing a policy', () => {
  it('gives back the same policy when nothing was changed', () => {
    const policy = formalComplaintPolicy();
    expect(policyFromDraft(policy, policyDraft(policy))).toEqual({ ok: true, policy });
  });

  it('applies new targets, warnings, pause statuses, step timings and notice text', () => {
    const policy = escalationPolicy();
    const draft = policyDraft(policy);
    draft.targets[0]!.duration = { amount: '2', unit: 'working-hours' };
    draft.targets[0]!.warning = { type: 'before', before: { amount: '30', unit: 'working-minutes' } };
    draft.pauseStatuses = ['pending-requester', 'pending-third-party'];
    draft.ladder[0]!.timing = { amount: '2', unit: 'working-hours' };
    draft.notices[0]!.text = 'Not for emergencies: ring 0161 555 0100 for help now.';
    const result = policyFromDraft(policy, draft);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.policy.targets[0]).toMatchObject({
      duration: { amount: 2, unit: 'working-hours' },
      warning: { before: { amount: 30, unit: 'working-minutes' } },
    });
    expect(result.policy.pauseStatuses).toEqual(['pending-requester', 'pending-third-party']);
    expect(result.policy.ladder[0]!.when).toEqual({
      anchor: 'logged',
      after: { amount: 2, unit: 'working-hours' },
    });
    expect(result.policy.intake.notices[0]!.text).toBe(
      'Not for emergencies: ring 0161 555 0100 for help now.',
    );
    expect(result.policy.version).toBe(policy.version);
  });

  it('switches the query ladder to calendar days', () => {
    const policy = queryPolicy();
    const draft = policyDraft(policy);
    for (const step of draft.ladder) step.timing.unit = 'calendar-days';
    const result = policyFromDraft(policy, draft);
    expect(result.ok && result.policy.ladder.map((r) => r.when)).toEqual(
      queryPolicy({ dayCounting: 'calendar-days' }).ladder.map((r) => r.when),
    );
  });

  it('says what is wrong next to the field: not a number, zero, a part day, a warning counted back in days', () => {
    const policy = formalComplaintPolicy();
    const draft = policyDraft(policy);
    draft.targets[0]!.duration.amount = 'five';
    draft.targets[1]!.duration.amount = '0';
    draft.targets[3]!.duration.amount = '2.5';
    const first = policyFromDraft(policy, draft);
    expect(first).toEqual({
      ok: false,
      errors: {
        'targets.0.duration': 'Enter the time allowed as a number, such as 8.',
        'targets.1.duration': 'The time allowed must be more than zero.',
      },
    });
    draft.targets[0]!.duration.amount = '5';
    draft.targets[1]!.duration.amount = '20';
    draft.targets[1]!.warning = { type: 'before', before: { amount: '1', unit: 'working-days' } };
    const second = policyFromDraft(policy, draft);
    expect(second.ok ? null : second.errors).toEqual({
      'targets.1.warning': 'A warning cannot be counted back in working days; use working hours.',
      'targets.3.duration': 'Days and weeks are counted in whole numbers.',
    });
  });

  it('refuses an empty notice and a share of time of 100% or more', () => {
    const policy = escalationPolicy();
    const draft = policyDraft(policy);
    draft.notices[0]!.text = '  ';
    draft.targets[0]!.warning = { type: 'percent', percent: '100' };
    const result = policyFromDraft(policy, draft);
    expect(result.ok ? null : Object.keys(result.errors).sort()).toEqual(['notices.0', 'targets.0.warning']);
  });

  it('edits the escalation’s urgent phone and live chat, and refuses ones that are not', () => {
    const policy = escalationPolicy();
    const draft = policyDraft(policy);
    draft.urgentContact = { phone: '+44 161 555 0100', chatUrl: 'https://help.example.ac.uk/chat' };
    const result = policyFromDraft(policy, draft);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.policy.intake.urgentContact).toEqual({
      phone: '0161 555 0100',
      chatUrl: 'https://help.example.ac.uk/chat',
    });
    draft.urgentContact = { phone: 'call me maybe', chatUrl: 'chat with us' };
    const refused = policyFromDraft(policy, draft);
    expect(refused.ok ? null : refused.errors).toEqual({
      'urgentContact.phone': expect.stringMatching(/^That isn’t a phone number/),
      'urgentContact.chatUrl': 'Give the live chat’s web address, starting https://',
    });
  });
});

describe('editing a calendar', () => {
  const uk = ukCalendarSpec({ fromYear: 2026, toYear: 2026 });

  it('gives back the same calendar when nothing was changed', () => {
    expect(calendarFromDraft(uk, calendarDraft(uk), NOW)).toEqual({ ok: true, calendar: uk });
  });

  it('takes split shifts, 24:00, new holidays (kept in date order), RRULE holidays and closures', () => {
    const draft = calendarDraft(uk);
    draft.hours.SA = [
      { start: '18:00', end: '24:00' },
      { start: '08:00', end: '12:00' },
    ];
    draft.holidays.push({ date: '2026-01-02', name: 'Desk away day' });
    draft.recurringHolidays.push({
      rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24',
      from: '',
      name: 'Christmas Eve',
    });
    draft.closures.push({ start: '2026-03-04T12:00', end: '2026-03-04T14:00' });
    const result = calendarFromDraft(uk, draft, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.calendar.hours.SA).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '18:00', end: '24:00' },
    ]);
    expect(result.calendar.holidays.slice(0, 2).map((h) => h.date)).toEqual(['2026-01-01', '2026-01-02']);
    expect(result.calendar.recurringHolidays).toEqual([
      { rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24', name: 'Christmas Eve' },
    ]);
    expect(result.calendar.closures).toEqual([{ start: '2026-03-04T12:00', end: '2026-03-04T14:00' }]);
  });

  it('says what is wrong next to each field', () => {
    const draft = calendarDraft(uk);
    draft.name = ' ';
    draft.timeZone = 'Europe/Londn';
    draft.hours.MO = [{ start: '17:00', end: '09:00' }];
    draft.hours.TU = [
      { start: '09:00', end: '13:00' },
      { start: '12:00', end: '17:00' },
    ];
    draft.hours.WE = [{ start: '9am', end: '17:00' }];
    draft.holidays.push({ ...draft.holidays[0]! });
    draft.recurringHolidays.push({ rrule: 'FREQ=SOMETIMES', from: '', name: '' });
    draft.closures.push({ start: '2026-03-04T14:00', end: '2026-03-04T12:00' });
    const result = calendarFromDraft(uk, draft, NOW);
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.errors;
    expect(errors.name).toMatch(/name/);
    expect(errors.timeZone).toBe(
      'Unknown time zone "Europe/Londn": use an IANA zone such as "Europe/London".',
    );
    expect(errors['hours.MO.0']).toMatch(/end must be after the start/);
    expect(errors['hours.TU.1']).toMatch(/overlap/);
    expect(errors['hours.WE.0']).toMatch(/start as a time/);
    expect(errors[`holidays.${draft.holidays.length - 1}`]).toBe('This date is listed twice.');
    expect(errors['recurring.0']).toBe('Recurring holiday rule "FREQ=SOMETIMES" has no FREQ.');
    expect(errors['closures.0']).toBe('The closure must end after it starts.');
  });

  it('refuses a calendar with no working hours, or closed for good', () => {
    const draft = calendarDraft(uk);
    for (const day of Object.keys(draft.hours) as (keyof typeof draft.hours)[]) draft.hours[day] = [];
    const shut = calendarFromDraft(uk, draft, NOW);
    expect(shut.ok ? null : shut.errors.hours).toMatch(/at least one day/);

    const forever = calendarDraft(uk);
    forever.closures.push({ start: '2026-01-01T00:00', end: '9999-12-31T23:59' });
    const closed = calendarFromDraft(uk, forever, NOW);
    expect(closed.ok ? null : closed.errors.form).toMatch(/no working time for centuries/);
  });
});

describe('importing holidays', () => {
  const govUk = JSON.stringify({
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        { title: 'New Year’s Day', date: '2026-01-01', notes: '', bunting: true },
        { title: 'Desk day', date: '2026-03-03', notes: '', bunting: false },
      ],
    },
    scotland: {
      division: 'scotland',
      events: [{ title: '2nd January', date: '2026-01-02', notes: '', bunting: true }],
    },
    'northern-ireland': { division: 'northern-ireland', events: [] },
  });

  it('reads the gov.uk file by division, and offers only the dates not listed yet', async () => {
    const file = await readHolidayFile('bank-holidays.json', govUk);
    if (file.format !== 'gov.uk') throw new Error('expected gov.uk');
    expect(file.divisions.scotland).toEqual([{ date: '2026-01-02', name: '2nd January' }]);
    expect(newHolidays([{ date: '2026-01-01' }], file.divisions['england-and-wales'])).toEqual({
      added: [{ date: '2026-03-03', name: 'Desk day' }],
      alreadyListed: 1,
    });
  });

  it('reads an .ics feed, setting timed events aside', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART;VALUE=DATE:20260406',
      'SUMMARY:Easter Monday',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART:20260407T100000Z',
      'DTEND:20260407T110000Z',
      'SUMMARY:Team meeting',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const file = await readHolidayFile('holidays.ics', ics);
    expect(file).toMatchObject({
      format: 'ics',
      holidays: [{ date: '2026-04-06', name: 'Easter Monday' }],
      skipped: [{ summary: 'Team meeting', reason: 'timed' }],
    });
  });

  it('names the file and the problem when it is broken or not a holiday file', async () => {
    await expect(readHolidayFile('bank-holidays.json', '{"scotland": ')).rejects.toThrow(
      /^“bank-holidays.json” could not be imported: gov.uk bank holidays: not valid JSON/,
    );
    await expect(readHolidayFile('notes.txt', 'Remember the away day')).rejects.toThrow(
      /neither the gov.uk bank holidays file .* nor an iCalendar/,
    );
  });
});
