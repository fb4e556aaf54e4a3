import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../sla/calendar';
import { complaintPolicy } from './complaint';
import { escalationPolicy } from './escalation';
import { formalComplaintPolicy } from './formal-complaint';
import { presetPolicies } from './index';
import { queryPolicy } from './query';
import { parsePolicy } from './schema';
import { ukCalendarSpec } from './uk-calendar';

describe('preset policies', () => {
  it('are plain data: one per case kind, surviving a JSON round trip unchanged', () => {
    const presets = presetPolicies();
    expect(presets.map((p) => p.caseKind)).toEqual(['query', 'complaint', 'escalation', 'formal-complaint']);
    for (const preset of presets) expect(parsePolicy(JSON.parse(JSON.stringify(preset)))).toEqual(preset);
  });

  it('refuse an edit that points at a target or stage the policy does not have', () => {
    const policy = formalComplaintPolicy();
    const badRule = { ...policy.ladder[0]!, when: { ...policy.ladder[0]!.when, target: 'no-such-target' } };
    expect(() => parsePolicy({ ...policy, ladder: [badRule] })).toThrow(/unknown target.*no-such-target/);
    expect(() =>
      parsePolicy({ ...policy, stages: policy.stages.filter((s) => s.id !== 'hod-review') }),
    ).toThrow(/unknown stage.*hod-review/);
    expect(() => parsePolicy({ ...policy, targets: [...policy.targets, policy.targets[0]] })).toThrow(
      /unique/,
    );
  });

  it('carry the intake each procedure asks for', () => {
    const complaintFields = complaintPolicy()
      .intake.fields.filter((f) => f.required)
      .map((f) => f.id);
    expect(complaintFields).toEqual(['description', 'desired-remedy', 'daytime-phone', 'best-time-to-call']);
    const escalation = escalationPolicy();
    expect(escalation.intake.requiresOriginalTicket).toBe(true);
    expect(escalation.intake.notices.map((n) => n.id)).toEqual(['not-for-emergencies']);
    expect(escalation.ownership).toEqual({ required: true, from: 'acknowledgement' });
    const formal = formalComplaintPolicy();
    expect(formal.confidentialByDefault).toBe(true);
    expect(formal.intake.noStaffNames).toBe(true);
    expect(formal.stages.map((s) => s.id)).toEqual(['informal', 'formal', 'hod-review', 'external']);
    expect(complaintPolicy().externalReferrals[0]!.body).toBe("Information Commissioner's Office");
  });

  it('turn their ambiguous readings into settings', () => {
    expect(queryPolicy().ladder.map((r) => r.when)).toContainEqual({
      anchor: 'logged',
      after: { amount: 7, unit: 'working-days' },
    });
    expect(queryPolicy({ dayCounting: 'calendar-days' }).ladder[0]!.when).toEqual({
      anchor: 'logged',
      after: { amount: 2, unit: 'calendar-days' },
    });
    expect(complaintPolicy().targets[0]!.duration).toEqual({ amount: 24, unit: 'calendar-hours' });
    expect(
      formalComplaintPolicy({ reviewWindow: { amount: 10, unit: 'working-days' } }).targets[2]!.duration,
    ).toEqual({
      amount: 10,
      unit: 'working-days',
    });
  });
});

describe('ukCalendarSpec', () => {
  it('closes on the region’s bank holidays, substitute days included', () => {
    const england = ukCalendarSpec({ fromYear: 2026, toYear: 2027 });
    const dates = england.holidays.map((h) => h.date);
    expect(dates).toContain('2026-08-31');
    expect(dates).toContain('2026-12-28'); // Boxing Day falls on a Saturday: substitute Monday
    expect(dates).not.toContain('2026-08-03');
    const scotland = ukCalendarSpec({ fromYear: 2026, toYear: 2026, region: 'scotland' }).holidays.map(
      (h) => h.date,
    );
    expect(scotland).toContain('2026-08-03');
    expect(scotland).not.toContain('2026-08-31');
  });

  it('is a working calendar: Friday before the August bank holiday runs on to Tuesday', () => {
    const calendar = compileCalendar(ukCalendarSpec({ fromYear: 2026, toYear: 2026 }));
    // Friday 28 August 16:00 BST + 2 working hours: 1h Friday, Monday closed, 1h Tuesday → 10:00 BST.
    expect(calendar.addWorkingMinutes(new Date('2026-08-28T15:00:00Z'), 120)).toEqual(
      new Date('2026-09-01T09:00:00Z'),
    );
    expect(calendar.spec.timeZone).toBe('Europe/London');
  });

  it('lets one-off holidays win over the library’s list', () => {
    const spec = ukCalendarSpec({
      fromYear: 2026,
      toYear: 2026,
      region: 'scotland',
      extraHolidays: [{ date: '2026-06-15', name: 'World Cup bank holiday' }],
    });
    expect(spec.holidays.find((h) => h.date === '2026-06-15')?.name).toBe('World Cup bank holiday');
  });
});
