/**
 * Who may see a case: the one rule every view, export, notification, search index and the server use.
 *
 * A case that is not confidential is the whole desk's. A confidential case (complaints and formal complaints by
 * default, and any case marked so) is seen only by people who see confidential cases, the case's assignee and
 * owner, and the roles its policy names (`confidentialRoles`). Its events and outbound mail follow the case.
 */
import type { Case, PersonRole } from '../domain';

/** The part of a person the rule reads (a directory row, or the signed-in account). */
export interface Viewer {
  readonly id: string;
  readonly role: PersonRole;
  readonly seesConfidential: boolean;
}

/** The part of a policy the rule reads. */
export interface ConfidentialityRules {
  readonly confidentialRoles?: readonly PersonRole[];
}

/** The part of a case the rule reads. */
export type CaseAccessFields = Pick<Case, 'confidential' | 'assigneeId' | 'ownerId'>;

/** Whether only some people may see the case (its rows never reach anyone else). */
export function isRestricted(kase: Pick<Case, 'confidential'>): boolean {
  return kase.confidential;
}

/**
 * Whether `viewer` may see `kase`. `viewer` null is nobody in particular (a standalone desk that has not said
 * who it is): it sees what everyone sees.
 */
export function maySeeCase(
  viewer: Viewer | null,
  kase: CaseAccessFields,
  policy: ConfidentialityRules | undefined,
): boolean {
  if (!isRestricted(kase)) return true;
  if (viewer === null) return false;
  if (viewer.seesConfidential) return true;
  if (kase.assigneeId === viewer.id || kase.ownerId === viewer.id) return true;
  return policy?.confidentialRoles?.includes(viewer.role) ?? false;
}

/** Who may lift or set a case's confidentiality: managers and the roles that handle the policy's complaints. */
export function mayChangeConfidentiality(
  viewer: Viewer | null,
  kase: CaseAccessFields,
  policy: ConfidentialityRules | undefined,
): boolean {
  if (viewer === null || !maySeeCase(viewer, kase, policy)) return false;
  return viewer.role === 'manager' || (policy?.confidentialRoles?.includes(viewer.role) ?? false);
}
