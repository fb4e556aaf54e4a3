/**
 * What a policy's intake answers mean for the case and the letters about it: which outside routes the requester
 * is told about, the urgent contacts a notice names, and who an informal stage starts with.
 */
import type { Case } from '../domain/case';
import type { ExternalRoute, IntakeField, Policy, UrgentContact } from './schema';

/** A yes-no answer as the case stores it. */
export const YES = 'yes';

/** The outside bodies the case may be referred to: those without a condition, and those whose question was "yes". */
export function referralsOffered(policy: Policy, kase: Pick<Case, 'intake'>): ExternalRoute[] {
  return policy.externalReferrals.filter(
    (route) => route.whenIntake === undefined || kase.intake[route.whenIntake] === YES,
  );
}

/**
 * The sentences a written response gives the requester about the outside routes open to them, e.g. for a complaint
 * that concerns personal data: "You may also complain to the Information Commissioner's Office…". For the reply
 * templates (renderer/features/case/templates.ts).
 */
export function responseRouteSentences(policy: Policy | undefined, kase: Pick<Case, 'intake'>): string[] {
  if (policy === undefined) return [];
  return referralsOffered(policy, kase).flatMap((route) =>
    route.tellRequester === undefined ? [] : [route.tellRequester],
  );
}

/** Whether the requester said the complaint concerns their personal data (the ICO route's question). */
export function concernsPersonalData(policy: Policy, kase: Pick<Case, 'intake'>): boolean {
  return policy.externalReferrals.some(
    (route) => route.whenIntake !== undefined && kase.intake[route.whenIntake] === YES,
  );
}

/** A notice or template with {urgentPhone} and {urgentChat} filled from the policy's urgent contacts. */
export function fillUrgentContact(text: string, contact: UrgentContact | undefined): string {
  return text
    .replaceAll('{urgentPhone}', contact?.phone ?? 'the Service Desk')
    .replaceAll('{urgentChat}', contact?.chatUrl ?? 'live chat on our website');
}

/** The person or team named as already involved ("person:<id>" or "team:<id>"), or null. */
export function involvedParty(value: string | undefined): { kind: 'person' | 'team'; id: string } | null {
  const match = /^(person|team):(.+)$/.exec(value?.trim() ?? '');
  if (match === null) return null;
  return { kind: match[1] === 'person' ? 'person' : 'team', id: match[2]! };
}

/** The policy's question naming who is already involved (its `person-or-team` field), if it asks one. */
export function involvedField(policy: Policy): IntakeField | undefined {
  return policy.intake.fields.find((field) => field.type === 'person-or-team');
}

/**
 * Who a new case at `stage` is routed to: the involved person (as assignee) or team, when the stage says it
 * starts with them; nothing otherwise.
 */
export function involvedRouting(
  policy: Policy,
  stage: string | null,
  intake: Readonly<Record<string, string>>,
): { assigneeId?: string; teamId?: string } {
  const routes = policy.stages.find((s) => s.id === stage)?.routeToInvolved === true;
  const field = involvedField(policy);
  const party = routes && field !== undefined ? involvedParty(intake[field.id]) : null;
  if (party === null) return {};
  return party.kind === 'person' ? { assigneeId: party.id } : { teamId: party.id };
}

/** An intake answer as a person reads it: a choice's label, Yes or No, the involved person's or team's name. */
export function describeIntakeAnswer(
  field: IntakeField,
  answer: string,
  names: { person(id: string): string | undefined; team(id: string): string | undefined },
): string {
  if (field.type === 'yes-no') return answer === YES ? 'Yes' : answer === 'no' ? 'No' : answer;
  if (field.type === 'person-or-team') {
    const party = involvedParty(answer);
    if (party === null) return answer;
    const found = party.kind === 'person' ? names.person(party.id) : names.team(party.id);
    return (
      found ?? (party.kind === 'person' ? 'Someone no longer in the directory' : 'A team no longer listed')
    );
  }
  return field.options?.find((option) => option.value === answer)?.label ?? answer;
}
