import { caseFinished } from '../sla/clock-schema';
import type { Duration } from '../sla/duration';
import { definePolicy, type Policy } from './schema';

export interface ComplaintPolicyOptions {
  /**
   * "Respond within 24 hours". Default: 24 calendar hours, the promise as the complainant reads
   * it. A desk that only works office hours may choose { amount: 1, unit: 'working-days' }
   * (close of business the next working day). See docs/decisions.md.
   */
  firstResponse?: Duration;
  calendarId?: string;
}

const FINISHED = caseFinished();

/**
 * Complaint (Jisc-style): what went wrong, what would put it right and how to reach the
 * complainant; a response within 24 hours and resolution within 20 working days where
 * practical. Unhappiness with an escalation is raised as a complaint (quote its ticket), and a
 * data-protection complaint left unresolved can be referred to the ICO.
 */
export function complaintPolicy(options: ComplaintPolicyOptions = {}): Policy {
  return definePolicy({
    id: 'complaint',
    name: 'Complaint',
    description: 'Respond within 24 hours; resolve within 20 working days where practical.',
    caseKind: 'complaint',
    // Jisc: a complaint is answered within 24 hours; this acknowledgement is that answer, and says when to expect
    // the outcome.
    acknowledgement: {
      auto: true,
      subject: 'We have received your complaint',
      body: [
        '{greeting}',
        'Thank you for telling us about this. We have logged your complaint as {reference}; please quote it if you get in touch about it.',
        'Your complaint is handled in confidence. We will look into what happened and what you would like us to do to put it right, and we aim to resolve it by {deadline:resolution}. If we need to speak to you, we will call you at the time you gave us.',
        'This message was sent automatically; you do not need to reply to it.',
        'Kind regards,\nThe Service Desk',
      ].join('\n\n'),
    },
    calendarId: options.calendarId ?? 'uk-england-and-wales',
    confidentialByDefault: true,
    // The service desk manager handles complaints; directors see what reaches them.
    confidentialRoles: ['manager', 'director'],
    pauseStatuses: ['pending-requester'],
    intake: {
      fields: [
        { id: 'description', label: 'What happened', type: 'long-text', required: true },
        {
          id: 'desired-remedy',
          label: 'What would you like us to do to put it right?',
          type: 'long-text',
          required: true,
        },
        { id: 'daytime-phone', label: 'Daytime phone number', type: 'phone', required: true },
        { id: 'best-time-to-call', label: 'Best time to call you', type: 'text', required: true },
        {
          id: 'related-ticket',
          label: 'Ticket number, if this is about an escalation or an earlier request',
          type: 'ticket-ref',
          help: 'Unhappy with how an escalation was handled? Quote its number and we will link the two. A number we cannot find (an older system, a typo) is kept as given.',
        },
        {
          id: 'concerns-personal-data',
          label:
            'Does the complaint concern the requester’s personal data (how it was collected, used, kept or shared)?',
          type: 'yes-no',
          help: 'Data-protection complaints may also go to the Information Commissioner’s Office: the response says so.',
        },
      ],
    },
    externalReferrals: [
      {
        body: "Information Commissioner's Office",
        description: 'For data-protection complaints that remain unresolved.',
        whenIntake: 'concerns-personal-data',
        tellRequester:
          "As your complaint concerns your personal data, you may also complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113) if you are not satisfied with how we have handled it.",
      },
    ],
    targets: [
      {
        id: 'first-response',
        name: 'Respond within 24 hours',
        kind: 'first-response',
        start: [{ on: 'received' }],
        stop: [{ on: 'reply' }, FINISHED],
        duration: options.firstResponse ?? { amount: 24, unit: 'calendar-hours' },
        warning: { percentElapsed: 75 },
      },
      {
        id: 'resolution',
        name: 'Resolve within 20 working days',
        kind: 'resolution',
        start: [{ on: 'received' }],
        stop: [FINISHED],
        duration: { amount: 20, unit: 'working-days' },
        warning: { percentElapsed: 80 },
      },
    ],
    ladder: [
      {
        id: 'response-overdue',
        name: 'No response within 24 hours',
        when: {
          anchor: 'deadline',
          target: 'first-response',
          direction: 'after',
          offset: { amount: 0, unit: 'calendar-minutes' },
        },
        actions: { notify: ['desk', 'assignee'], flagForPrompt: true },
      },
      {
        id: 'resolution-due-soon',
        name: 'Resolution due in two working days',
        when: {
          anchor: 'deadline',
          target: 'resolution',
          direction: 'before',
          offset: { amount: 16, unit: 'working-hours' },
        },
        actions: { notify: ['owner', 'assignee'] },
      },
      {
        id: 'resolution-overdue',
        name: 'Not resolved within 20 working days',
        when: {
          anchor: 'deadline',
          target: 'resolution',
          direction: 'after',
          offset: { amount: 0, unit: 'calendar-minutes' },
        },
        actions: { notify: ['manager', 'owner'], raiseLevelTo: 1 },
        repeat: { type: 'every', interval: { amount: 5, unit: 'working-days' } },
      },
    ],
  });
}
