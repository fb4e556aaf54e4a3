/** The words the agent views use for the domain's values. */
import type {
  CaseKind,
  CaseSlaState,
  CaseStatus,
  EscalationLevel,
  NotifyRole,
  Priority,
} from '../../shared/domain';
import type { Policy } from '../../shared/policies';

export const KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  query: 'Query',
  complaint: 'Complaint',
  escalation: 'Escalation',
  'formal-complaint': 'Formal complaint',
};

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  new: 'New',
  open: 'Open',
  'in-progress': 'In progress',
  'pending-requester': 'Waiting on requester',
  'pending-third-party': 'Waiting on third party',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const LEVEL_LABELS: Readonly<Record<EscalationLevel, string>> = {
  0: 'Desk',
  1: 'Manager',
  2: 'Director',
};

export const SLA_LABELS: Readonly<Record<CaseSlaState, string>> = {
  breached: 'Breached',
  'at-risk': 'At risk',
  'on-track': 'On track',
  paused: 'Paused',
  none: 'No deadline',
};

/** A stage's name in its policy ("Head of Department review"), or the stage id made readable. */
export function stageLabel(stage: string | null, policy?: Policy): string {
  if (stage === null) return '—';
  const named = policy?.stages.find((s) => s.id === stage)?.name;
  if (named) return named;
  const words = stage.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ROLE_WORDS: Readonly<Record<NotifyRole, string>> = {
  assignee: 'the assignee',
  owner: 'the owner',
  desk: 'the desk',
  manager: 'the manager',
  director: 'the director',
  'line-manager': 'the line manager',
  'head-of-department': 'the Head of Department',
};

/** "the owner and the manager", "the desk, the manager and the director". */
export function toldText(roles: readonly NotifyRole[]): string {
  const words = [...new Set(roles)].map((role) => ROLE_WORDS[role]);
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * A ladder step as the timeline tells it: what happened (the rule's name in the policy, else the step's message)
 * and whom it told: "No response within 24 hours — told the owner and the manager".
 */
export function ladderStepText(
  step: { ruleId: string; notified: readonly NotifyRole[]; message?: string | undefined },
  policy: Pick<Policy, 'ladder'> | undefined,
): string {
  const what =
    policy?.ladder.find((rule) => rule.id === step.ruleId)?.name ??
    step.message?.replace(/\.$/, '') ??
    'Escalation step';
  const told = toldText(step.notified);
  return told === '' ? what : `${what} — told ${told}`;
}
