/** The words of each notice: one per person told, with the route that shows what it is about. */
import type { ConfidentialityRules } from '../access';
import type { CaseKind, EscalationLevel, NotifyRole } from '../domain/vocabulary';
import { formatForRequester } from '../time/format';
import { type Notice, noticeId } from './inbox';
import { type CaseParties, type Directory, recipientsFor } from './recipients';

/** A ladder step as it was recorded on a case (its `prompted` event), with what the notice quotes. */
export interface RecordedStep {
  stepId: string;
  caseId: string;
  ref: string;
  subject: string;
  /** The rule's name ("Day 7: service desk manager"), or its id when the policy no longer has it. */
  ruleName: string;
  message?: string | undefined;
  notified: readonly NotifyRole[];
  flagForPrompt: boolean;
  /** The level the step raised the case to, when it raised it. */
  raisedTo?: EscalationLevel | undefined;
  /** When it was recorded (epoch ms). */
  at: number;
  /**
   * The case is confidential (shared/access): the notice reaches only people who may see it and says nothing
   * of it but its kind, reference and deadline.
   */
  confidential?: boolean;
  kind?: CaseKind;
  /** The deadline it owes (`noticeDeadline`: "Tuesday 1 September at 15:00 London time"), or null without one. */
  dueText?: string | null;
}

const KIND_WORDS: Readonly<Record<CaseKind, string>> = {
  query: 'query',
  complaint: 'complaint',
  escalation: 'escalation',
  'formal-complaint': 'formal complaint',
};

/**
 * The whole text of a notice about a confidential case: "A confidential complaint (C-10002) needs a response by
 * Tuesday 1 September at 15:00 London time." Never its subject, requester or statement.
 */
export function confidentialNoticeText(step: Pick<RecordedStep, 'ref' | 'kind' | 'dueText'>): string {
  const what = `A confidential ${KIND_WORDS[step.kind ?? 'complaint']} (${step.ref})`;
  return step.dueText ? `${what} needs a response by ${step.dueText}.` : `${what} needs attention.`;
}

/**
 * A deadline as a notice writes it: day, time and the desk's zone ("Tuesday 1 September at 15:00 London time"),
 * since the notice is read on devices in any zone and long after it was written.
 */
export function noticeDeadline(at: Date | string, timeZone: string): string {
  return formatForRequester(at, timeZone, 'longDayTime');
}

/** What a desktop notification holds (shared/ipc's DeskNotification). */
const MAX_TITLE = 120;
const MAX_BODY = 1000;

/**
 * One notice per person the step tells; of a confidential case, only to those who may see it (`rules`: its
 * policy's), in words that carry nothing of it but its reference and deadline.
 */
export function stepNotices(
  step: RecordedStep,
  parties: CaseParties,
  directory: Directory,
  rules?: ConfidentialityRules,
): Notice[] {
  const assignee = directory.people.find((p) => p.id === parties.assigneeId);
  const body = step.confidential
    ? `${confidentialNoticeText(step)} Open it in Desk to see the details.`
    : [
        step.message,
        `“${step.subject}”.`,
        assignee === undefined ? 'Nobody is assigned.' : `Assigned to ${assignee.name}.`,
      ]
        .filter(Boolean)
        .join(' ');
  const title = clip(`${step.ref}: ${step.ruleName}`, MAX_TITLE);
  const text = clip(body, MAX_BODY);
  const route = routeForStep(step);
  const told = { ...parties, confidential: parties.confidential === true || step.confidential === true };
  return recipientsFor(step.notified, told, directory, rules).map(({ personId }) => ({
    id: noticeId(step.stepId, personId),
    personId,
    title,
    body: text,
    at: step.at,
    route,
  }));
}

/** Where the app shows a step's case: the queue it has just joined. */
export function routeForStep(step: Pick<RecordedStep, 'raisedTo' | 'flagForPrompt'>): string {
  if (step.raisedTo === 2) return 'escalations/director';
  if (step.raisedTo === 1) return 'escalations/manager';
  if (step.flagForPrompt) return 'escalations/prompts';
  return 'escalations/tickets';
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
