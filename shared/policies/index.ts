import { complaintPolicy } from './complaint';
import { escalationPolicy } from './escalation';
import { formalComplaintPolicy } from './formal-complaint';
import { queryPolicy } from './query';
import type { Policy } from './schema';

export { type ComplaintPolicyOptions, complaintPolicy } from './complaint';
export { type EscalationPolicyOptions, escalationPolicy } from './escalation';
export { type FormalComplaintPolicyOptions, formalComplaintPolicy } from './formal-complaint';
export {
  concernsPersonalData,
  describeIntakeAnswer,
  fillUrgentContact,
  involvedField,
  involvedParty,
  involvedRouting,
  referralsOffered,
  responseRouteSentences,
  YES,
} from './intake-rules';
export { type QueryPolicyOptions, queryPolicy } from './query';
export * from './schema';
export { reviewStageAfter, reviewWindowCloses, routeSentence, routesAfter } from './staged-response';
export { type UkCalendarOptions, ukCalendarSpec } from './uk-calendar';

/** The four shipped procedures with their default settings, one per case kind. */
export function presetPolicies(): Policy[] {
  return [queryPolicy(), complaintPolicy(), escalationPolicy(), formalComplaintPolicy()];
}
