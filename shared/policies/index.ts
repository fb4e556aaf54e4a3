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

// The UK calendar is imported from './uk-calendar' itself: its holiday rules (date-holidays, ~1.4 MB) would
// otherwise load with anything that imports a policy (syncing a case, opening one).

/** The four shipped procedures with their default settings, one per case kind. */
export function presetPolicies(): Policy[] {
  return [queryPolicy(), complaintPolicy(), escalationPolicy(), formalComplaintPolicy()];
}
