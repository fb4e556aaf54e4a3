import { describe, expect, it } from 'vitest';
import { demoPeople } from '../demo';
import { presetPolicies } from '../policies';
import { type RecordedStep, recipientsFor, stepNotices } from './index';
import { confidentialNoticeText, noticeDeadline } from './messages';

const directory = demoPeople();
const id = (name: string) => directory.people.find((p) => p.name === name)!.id;
const complaintPolicy = presetPolicies().find((p) => p.caseKind === 'complaint')!;

/** A complaint worked by Chloe Nguyen, a desk agent who does not handle complaints, on the desk's team. */
const complaint = {
  assigneeId: id('Chloe Nguyen'),
  ownerId: null,
  teamId: 'team-service-desk',
  confidential: true,
};

const step: RecordedStep = {
  stepId: 'respond-24h',
  caseId: 'case-9',
  ref: 'C-10009',
  subject: 'My landlord reference was sent to the wrong person',
  ruleName: 'Response overdue',
  message: 'Olivia Hughes is still waiting for an answer.',
  notified: ['desk', 'assignee', 'manager'],
  flagForPrompt: true,
  at: Date.parse('2026-09-01T15:00:00Z'),
  confidential: true,
  kind: 'complaint',
  dueText: noticeDeadline('2026-09-01T14:00:00Z', 'Europe/London'),
};

describe('notices about a confidential case', () => {
  it('go only to people who may see it: not the whole desk, but its assignee, managers and complaint handlers', () => {
    const told = recipientsFor(['desk', 'assignee', 'manager'], complaint, directory, complaintPolicy)
      .map((r) => r.personId)
      .sort();
    // Ana Patel and Ben Carter handle complaints; Daniel Okoro, like most of the desk, does not.
    expect(told).toEqual([id('Ana Patel'), id('Ben Carter'), id('Chloe Nguyen'), id('Rachel Bishop')].sort());
    expect(told).not.toContain(id('Daniel Okoro'));
    // The same case not confidential tells the whole desk.
    const open = recipientsFor(['desk'], { ...complaint, confidential: false }, directory, complaintPolicy);
    expect(open.map((r) => r.personId)).toContain(id('Daniel Okoro'));
  });

  it('say only its kind, reference and deadline: never the subject, requester or the step’s own words', () => {
    const notices = stepNotices(step, complaint, directory, complaintPolicy);
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) {
      const text = `${notice.title} ${notice.body}`;
      expect(notice.body).toContain(
        'A confidential complaint (C-10009) needs a response by Tuesday 1 September at 15:00 London time.',
      );
      expect(text).not.toMatch(/landlord|Olivia|Hughes/);
    }
    expect(notices.map((n) => n.personId)).not.toContain(id('Daniel Okoro'));
  });

  it('still quote the subject of a case that is not confidential', () => {
    const [notice] = stepNotices(
      { ...step, confidential: false },
      { ...complaint, confidential: false },
      directory,
    );
    expect(notice!.body).toContain('landlord reference');
  });

  it('give the deadline’s day, time and the desk’s zone, whatever zone the reader is in', () => {
    expect(noticeDeadline('2026-09-01T14:00:00Z', 'Europe/London')).toBe(
      'Tuesday 1 September at 15:00 London time',
    );
    expect(noticeDeadline('2026-12-01T14:00:00Z', 'Europe/London')).toBe(
      'Tuesday 1 December at 14:00 London time',
    );
  });

  it('name a formal complaint as such, and say so when it owes no deadline', () => {
    expect(confidentialNoticeText({ ref: 'F-10010', kind: 'formal-complaint', dueText: null })).toBe(
      'A confidential formal complaint (F-10010) needs attention.',
    );
  });
});
