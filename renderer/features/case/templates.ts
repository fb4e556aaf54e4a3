/**
 * Reply templates. The acknowledgement is the policy's: it quotes the reference and the deadlines the policy
 * sets for this case as they stand (computed from its clocks), so "within 24 hours" reads as a date and time.
 */
import { greeting, type ReplyPurpose } from '../../../shared/domain';
import {
  fillUrgentContact,
  type Policy,
  responseRouteSentences,
  reviewStageAfter,
  reviewWindowCloses,
  routeSentence,
  routesAfter,
} from '../../../shared/policies';
import type { CompiledCalendar } from '../../../shared/sla';
import { formatForRequester } from '../../../shared/time';
import { KIND_LABELS } from '../../case-kit/labels';
import type { CaseRow } from '../../db';
import type { ClockView } from './clocks';

export interface ReplyTemplate {
  id: string;
  name: string;
  purpose: ReplyPurpose;
  /** Offer to set the case waiting on the requester once sent (it pauses the clocks the policy pauses). */
  waitsForRequester?: boolean;
  body: string;
}

export interface TemplateContext {
  kase: CaseRow;
  policy: Policy | undefined;
  clocks: readonly ClockView[];
  /** Who signs: the person using the app. */
  signature: string;
  ownerName: string | null;
  /** The desk calendar's zone: promised times are written there, and named (the requester's zone is unknown). */
  timeZone: string;
  /** The case's calendar and the app's now: a written response sent now opens the review window from now. */
  calendar?: CompiledCalendar | undefined;
  now?: Date;
}

/**
 * What a written response says comes next on a staged policy: how and by when to ask for the review it opens
 * (Oxford: the Head of Department within 2 weeks), or, after the last stage inside the desk, the outside route for
 * the requester's affiliation (each route, by affiliation, when it is not known). Null when there is neither.
 */
function nextStepOfResponse({ kase, policy, calendar, now, timeZone }: TemplateContext): string | null {
  const review = reviewStageAfter(policy, kase.stage);
  const closes = review && calendar && now ? reviewWindowCloses(policy, calendar, kase.stage, now) : null;
  if (review && closes) {
    return [
      `If you are not satisfied with this response, you may ask for a ${review.name} of your complaint.`,
      `To ask, reply to this message quoting ${kase.ref} and say why you remain dissatisfied. Your request must reach us by ${formatForRequester(closes, timeZone, 'longDayTime')}.`,
    ].join(' ');
  }
  const { routes, known } = routesAfter(policy, kase.stage, kase.requester.affiliation);
  if (routes.length === 0) return null;
  if (known || routes.length === 1) return routes.map(routeSentence).join('\n\n');
  return routes.map((route) => `• ${routeSentence(route)}`).join('\n');
}

export function replyTemplates(context: TemplateContext): ReplyTemplate[] {
  const { kase, policy, clocks, signature, ownerName, timeZone } = context;
  const nextStep = nextStepOfResponse(context);
  const hello = greeting(kase.requester.name);
  // Outside routes open to this requester (the ICO when the complaint concerns their personal data).
  const routes = responseRouteSentences(policy, kase)
    .map((sentence) => `\n\n${sentence}`)
    .join('');
  const urgent = policy?.intake.urgentContact
    ? fillUrgentContact(
        'For anything urgent happening now, phone the Service Desk on {urgentPhone} or use live chat at {urgentChat}; please do not contact the leadership team directly.',
        policy.intake.urgentContact,
      )
    : '';
  const bye = `Kind regards,\n${signature}`;
  const what = KIND_LABELS[kase.kind].toLowerCase();
  const owed = clocks.filter(
    (c) => c.clock.dueAt !== null && ['running', 'at-risk', 'paused'].includes(c.clock.state),
  );
  const promises = owed.map(
    (c) => `• ${c.name}: by ${formatForRequester(c.clock.dueAt!, timeZone, 'longDayTime')}`,
  );
  const acknowledgement = [
    hello,
    `Thank you for contacting us. We have logged your ${what} as ${kase.ref} (“${kase.subject}”). Please quote this reference if you get in touch about it.`,
    promises.length > 0
      ? `Under our ${policy?.name.toLowerCase() ?? what} policy:\n${promises.join('\n')}`
      : '',
    kase.confidential ? 'Your case is handled in confidence.' : '',
    urgent,
    kase.kind === 'escalation' && ownerName
      ? `${ownerName} is the designated owner of your escalation and will keep you updated regularly until it is resolved.`
      : '',
    bye,
  ]
    .filter(Boolean)
    .join('\n\n');

  return [
    {
      id: 'acknowledgement',
      name: `Acknowledgement (${policy?.name ?? KIND_LABELS[kase.kind]})`,
      purpose: 'acknowledgement',
      body: acknowledgement,
    },
    {
      id: 'update',
      name: 'Progress update',
      purpose: 'update',
      body: `${hello}\n\nAn update on ${kase.ref}: \n\nWe will be in touch again as soon as there is more to tell you.\n\n${bye}`,
    },
    {
      id: 'more-information',
      name: 'Ask for more information',
      purpose: 'update',
      waitsForRequester: true,
      body: `${hello}\n\nTo carry on with ${kase.ref} we need a little more information from you:\n\n• \n\nPlease reply to this message with the details. We will pick your case up again as soon as we hear from you.\n\n${bye}`,
    },
    {
      id: 'response',
      name: 'Written response',
      purpose: 'response',
      body: `${hello}\n\nThis is our written response to your ${what} ${kase.ref}.\n\nWhat happened:\n\nWhat we have done:\n\nWhat happens next:\n\n${nextStep ?? 'If you are not satisfied with this response, reply to this message and we will explain the next step.'}${routes}\n\n${bye}`,
    },
  ];
}
