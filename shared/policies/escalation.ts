import { caseFinished } from '../sla/clock-schema';
import type { Duration } from '../sla/duration';
import { definePolicy, type Policy } from './schema';

export interface EscalationPolicyOptions {
  /** Where to go for help right now, named in the not-for-emergencies notice and the acknowledgement. */
  urgentContact?: { phone?: string; chatUrl?: string };
  /** How soon an escalation is acknowledged. Default: 4 working hours. */
  acknowledgeWithin?: Duration;
  /** How often the requester hears from the owner until resolution. Default: every 2 working days. */
  updateEvery?: Duration;
  calendarId?: string;
}

const FINISHED = caseFinished();

/**
 * Escalation of an existing ticket (QMUL-style): raised when the level or speed of service
 * falls short of the service level targets, or there is a tangible adverse operational impact.
 * It quotes (and is linked to) the original ticket, is not for emergencies, is acknowledged,
 * has one designated owner from acknowledgement to resolution, and the requester gets regular
 * updates until it is resolved.
 */
export function escalationPolicy(options: EscalationPolicyOptions = {}): Policy {
  // The demo desk's own routes (an Ofcom drama number and an example.ac.uk link): each desk sets its own.
  const urgentContact = options.urgentContact ?? {
    phone: '020 7946 0000',
    chatUrl: 'https://servicedesk.example.ac.uk/chat',
  };
  return definePolicy({
    id: 'escalation',
    name: 'Escalation of an existing ticket',
    description: 'Acknowledged, owned by one person, and updated regularly until resolved.',
    caseKind: 'escalation',
    // QMUL: every escalation is acknowledged, and the requester is told who owns it until it is resolved.
    acknowledgement: {
      auto: true,
      subject: 'Your escalation has been received',
      body: [
        '{greeting}',
        'Your escalation has been received and logged as {reference}.',
        '{ownerName} owns it and will investigate it from now until it is resolved. You will hear from {ownerName} with an update by {deadline:next-update}, and regularly after that.',
        'An escalation is not for an emergency happening now. For urgent help, phone the Service Desk on {urgentPhone} or use live chat at {urgentChat}, rather than replying by email; please do not contact the leadership team directly.',
        'Kind regards,\nThe Service Desk',
      ].join('\n\n'),
    },
    calendarId: options.calendarId ?? 'uk-england-and-wales',
    ownership: { required: true, from: 'acknowledgement' },
    pauseStatuses: ['pending-requester'],
    intake: {
      requiresOriginalTicket: true,
      urgentContact,
      notices: [
        {
          id: 'not-for-emergencies',
          tone: 'warning',
          text: 'An escalation is not for an emergency happening now: it is reviewed by the team that owns your ticket. For urgent help now, phone the Service Desk on {urgentPhone} or use live chat at {urgentChat}. Please do not contact the leadership team directly: escalations reach them through this route.',
        },
      ],
      fields: [
        {
          id: 'original-ticket',
          label: 'Original ticket number',
          type: 'ticket-ref',
          required: true,
          help: 'The escalation is linked to this ticket.',
        },
        {
          id: 'grounds',
          label: 'Why are you escalating?',
          type: 'choice',
          required: true,
          options: [
            {
              value: 'service-level',
              label: 'The level or speed of service falls short of the service level targets',
            },
            { value: 'operational-impact', label: 'There is a tangible adverse impact on our operations' },
          ],
        },
        {
          id: 'impact',
          label: 'What is the impact, and what outcome do you need?',
          type: 'long-text',
          required: true,
        },
      ],
    },
    targets: [
      {
        id: 'acknowledgement',
        name: 'Acknowledge the escalation',
        kind: 'first-response',
        start: [{ on: 'received' }],
        stop: [{ on: 'reply' }, FINISHED],
        duration: options.acknowledgeWithin ?? { amount: 4, unit: 'working-hours' },
        warning: { percentElapsed: 75 },
      },
      {
        // Each update to the requester meets the running cycle and starts the next one.
        id: 'next-update',
        name: 'Regular update to the requester',
        kind: 'next-update',
        start: [{ on: 'reply' }],
        stop: [{ on: 'reply' }, FINISHED],
        repeats: true,
        duration: options.updateEvery ?? { amount: 2, unit: 'working-days' },
        warning: { percentElapsed: 75 },
      },
    ],
    ladder: [
      {
        id: 'owner-needed',
        name: 'No designated owner after a working hour',
        when: { anchor: 'logged', after: { amount: 1, unit: 'working-hours' } },
        appliesTo: { unowned: true },
        actions: { notify: ['desk', 'manager'], requireOwner: true },
      },
      {
        id: 'acknowledgement-overdue',
        name: 'Escalation not acknowledged in time',
        when: {
          anchor: 'deadline',
          target: 'acknowledgement',
          direction: 'after',
          offset: { amount: 0, unit: 'calendar-minutes' },
        },
        actions: { notify: ['desk', 'manager'], raiseLevelTo: 1 },
      },
      {
        id: 'update-overdue',
        name: 'Requester not updated in time',
        when: {
          anchor: 'deadline',
          target: 'next-update',
          direction: 'after',
          offset: { amount: 0, unit: 'calendar-minutes' },
        },
        actions: { notify: ['owner', 'manager'] },
      },
    ],
  });
}
