import { caseFinished } from '../sla/clock-schema';
import type { Duration } from '../sla/duration';
import { definePolicy, type Policy } from './schema';

export interface FormalComplaintPolicyOptions {
  /** How long after the formal response the complainant may ask for a Head of Department review. */
  reviewWindow?: Duration;
  calendarId?: string;
}

const FINISHED = caseFinished();

/**
 * Formal complaint with stages (Oxford-style). Informal resolution first, with the person
 * already involved. A formal complaint states how expectations were not met, when, the call
 * references and contact details, names no staff, and is handled in confidence: acknowledged
 * within 5 working days and answered in writing within 20. Within 2 weeks of that response the
 * complainant may ask for the Head of Department's review, answered within 20 working days.
 * Beyond that the route depends on who complains: students to the Proctors, staff to the
 * Registrar (grievance procedure).
 */
export function formalComplaintPolicy(options: FormalComplaintPolicyOptions = {}): Policy {
  return definePolicy({
    id: 'formal-complaint',
    name: 'Formal complaint',
    description:
      'Informal, formal (acknowledge 5 / respond 20 working days), Head of Department review, external.',
    caseKind: 'formal-complaint',
    // Oxford: a formal complaint is acknowledged (within 5 working days) and gets a written response within 20.
    acknowledgement: {
      auto: true,
      stages: ['formal'],
      subject: 'Acknowledgement of your formal complaint',
      body: [
        '{greeting}',
        'We acknowledge receipt of your formal complaint, reference {reference}. Please quote this reference in any correspondence about it.',
        'Your complaint will be handled in confidence. It will be investigated and you will receive a written response by {deadline:formal-response}.',
        'If you are not satisfied with that response, you may ask for your complaint to be reviewed by the Head of Department within two weeks of receiving it.',
        'Yours sincerely,\nThe Service Desk',
      ].join('\n\n'),
    },
    calendarId: options.calendarId ?? 'uk-england-and-wales',
    confidentialByDefault: true,
    // The service desk manager handles complaints; directors see what reaches them.
    confidentialRoles: ['manager', 'director'],
    ownership: { required: true, from: 'acknowledgement' },
    pauseStatuses: ['pending-requester'],
    stages: [
      {
        id: 'informal',
        name: 'Informal resolution',
        description: 'With the person already involved.',
        routeToInvolved: true,
      },
      { id: 'formal', name: 'Formal complaint' },
      {
        id: 'hod-review',
        name: 'Head of Department review',
        description: 'Asked for within 2 weeks of the written response; the Head of Department owns it.',
        ownedBy: 'head-of-department',
        afterResponseAt: 'formal',
      },
      {
        id: 'external',
        name: 'External',
        externalRoutes: [
          {
            body: 'The Proctors',
            affiliation: 'student',
            description: 'Office of the Proctors (Student Complaints).',
            tellRequester:
              'As a student, if you remain dissatisfied you may take your complaint to the Proctors: write to the Office of the Proctors (Student Complaints), quoting this reference.',
          },
          {
            body: 'The Registrar (grievance procedure)',
            affiliation: 'staff',
            description: 'Staff complaints.',
            tellRequester:
              'As a member of staff, if you remain dissatisfied you may take your complaint to the Registrar under the staff grievance procedure, quoting this reference.',
          },
        ],
      },
    ],
    initialStage: 'informal',
    intake: {
      noStaffNames: true,
      askAffiliation: true,
      correspondence: true,
      notices: [
        {
          id: 'in-confidence',
          text: 'Your complaint is handled in confidence. Please do not name members of staff in this first contact.',
        },
      ],
      fields: [
        { id: 'statement', label: 'How were your expectations not met?', type: 'long-text', required: true },
        {
          id: 'date-or-period',
          label: 'When did it happen (date or period), if applicable?',
          type: 'date-or-period',
          required: false,
        },
        { id: 'call-references', label: 'Call reference numbers', type: 'ticket-refs' },
        {
          id: 'involved',
          label: 'Who is already involved (a member of staff or a team)?',
          type: 'person-or-team',
          help: 'Kept apart from the statement. At the informal stage the case goes to them first.',
        },
      ],
    },
    targets: [
      {
        id: 'formal-acknowledgement',
        name: 'Acknowledge within 5 working days',
        kind: 'stage',
        start: [{ on: 'stage-entered', stage: 'formal' }],
        stop: [{ on: 'reply', stage: 'formal' }, FINISHED],
        duration: { amount: 5, unit: 'working-days' },
        warning: { before: { amount: 8, unit: 'working-hours' } },
      },
      {
        id: 'formal-response',
        name: 'Written response within 20 working days',
        kind: 'stage',
        start: [{ on: 'stage-entered', stage: 'formal' }],
        stop: [{ on: 'reply', purposes: ['response'], stage: 'formal' }, FINISHED],
        duration: { amount: 20, unit: 'working-days' },
        warning: { before: { amount: 24, unit: 'working-hours' } },
      },
      {
        id: 'hod-review-window',
        name: 'Complainant may ask for Head of Department review',
        kind: 'window',
        start: [{ on: 'reply', purposes: ['response'], stage: 'formal' }],
        stop: [{ on: 'stage-entered', stage: 'hod-review' }],
        duration: options.reviewWindow ?? { amount: 2, unit: 'calendar-weeks' },
      },
      {
        id: 'hod-response',
        name: 'Head of Department response within 20 working days',
        kind: 'stage',
        start: [{ on: 'stage-entered', stage: 'hod-review' }],
        stop: [{ on: 'reply', purposes: ['response'], stage: 'hod-review' }, FINISHED],
        duration: { amount: 20, unit: 'working-days' },
        warning: { before: { amount: 24, unit: 'working-hours' } },
      },
    ],
    ladder: [
      {
        id: 'acknowledgement-overdue',
        name: 'Formal complaint not acknowledged in 5 working days',
        when: {
          anchor: 'deadline',
          target: 'formal-acknowledgement',
          direction: 'after',
          offset: { amount: 0, unit: 'calendar-minutes' },
        },
        actions: { notify: ['owner', 'manager'], flagForPrompt: true },
      },
      {
        id: 'response-due-soon',
        name: 'Written response due in 3 working days',
        when: {
          anchor: 'deadline',
          target: 'formal-response',
          direction: 'before',
          offset: { amount: 24, unit: 'working-hours' },
        },
        actions: { notify: ['owner'] },
      },
      {
        id: 'response-overdue',
        name: 'Written response overdue',
        when: {
          anchor: 'deadline',
          target: 'formal-response',
          direction: 'after',
          offset: { amount: 0, unit: 'calendar-minutes' },
        },
        actions: { notify: ['owner', 'manager'], raiseLevelTo: 1 },
      },
      {
        id: 'hod-response-overdue',
        name: 'Head of Department response overdue',
        when: {
          anchor: 'deadline',
          target: 'hod-response',
          direction: 'after',
          offset: { amount: 0, unit: 'calendar-minutes' },
        },
        actions: { notify: ['director', 'manager'], raiseLevelTo: 2 },
      },
      {
        // The Head of Department hears of a review request at once (and owns the stage from then).
        id: 'hod-review-requested',
        name: 'Head of Department review requested',
        when: { anchor: 'stage-entered', after: { amount: 0, unit: 'calendar-minutes' } },
        appliesTo: { stages: ['hod-review'] },
        actions: { notify: ['head-of-department'] },
      },
    ],
  });
}
