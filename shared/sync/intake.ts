import type { Case } from '../domain';
import type { Policy } from '../policies';

/**
 * The answer to an intake field: `case.intake[id]`, or where the case keeps it already (the description, the
 * requester's phone, the quoted ticket), so a form may fill either. '' when missing.
 */
export function intakeValue(kase: Case, fieldId: string): string {
  const answer = kase.intake[fieldId]?.trim();
  if (answer) return answer;
  switch (fieldId) {
    case 'description':
    case 'statement':
    case 'impact':
      return kase.description.trim();
    case 'daytime-phone':
      return kase.requester.phone ?? '';
    case 'best-time-to-call':
      return kase.requester.bestTimeToCall ?? '';
    case 'original-ticket':
      return kase.originalTicketRef ?? '';
    default:
      return '';
  }
}

/**
 * What the case still lacks for its policy's intake, as form field -> message. Every case needs the requester's
 * name and a way to reach them (email or phone); the policy adds its own questions.
 */
export function missingIntake(policy: Policy, kase: Case): Record<string, string> {
  const missing: Record<string, string> = {};
  if (kase.requester.name.trim() === '') missing['requester.name'] = 'Give the requester’s name.';
  if (!kase.requester.email && !kase.requester.phone) {
    missing['requester.email'] = 'Give an email address or a phone number so the desk can reply.';
  }
  for (const field of policy.intake.fields) {
    const value = intakeValue(kase, field.id);
    if (value === '') {
      if (field.required) missing[field.id] = `Please answer “${field.label}”.`;
    } else if (field.options !== undefined && !field.options.some((option) => option.value === value)) {
      missing[field.id] = `Choose one of: ${field.options.map((option) => option.label).join('; ')}.`;
    }
  }
  if (policy.intake.requiresOriginalTicket && !kase.originalTicketRef) {
    missing['original-ticket'] ??= 'Quote the number of the ticket this is about.';
  }
  return missing;
}
