/** The words of each notice: one per person told, with the route that shows what it is about. */
import type { EscalationLevel, NotifyRole } from '../domain/vocabulary';
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
}

/** What a desktop notification holds (shared/ipc's DeskNotification). */
const MAX_TITLE = 120;
const MAX_BODY = 1000;

/** One notice per person the step tells. */
export function stepNotices(step: RecordedStep, parties: CaseParties, directory: Directory): Notice[] {
  const assignee = directory.people.find((p) => p.id === parties.assigneeId);
  const body = [
    step.message,
    `“${step.subject}”.`,
    assignee === undefined ? 'Nobody is assigned.' : `Assigned to ${assignee.name}.`,
  ]
    .filter(Boolean)
    .join(' ');
  const title = clip(`${step.ref}: ${step.ruleName}`, MAX_TITLE);
  const text = clip(body, MAX_BODY);
  const route = routeForStep(step);
  return recipientsFor(step.notified, parties, directory).map(({ personId }) => ({
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

/** A desk-wide job's result (the fortnightly report) told to the people its action names. */
export function jobNotices(
  run: { id: string; title: string; body: string; at: number; route: string },
  roles: readonly NotifyRole[],
  directory: Directory,
): Notice[] {
  return recipientsFor(roles, null, directory).map(({ personId }) => ({
    id: noticeId(run.id, personId),
    personId,
    title: clip(run.title, MAX_TITLE),
    body: clip(run.body, MAX_BODY),
    at: run.at,
    route: run.route,
  }));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
