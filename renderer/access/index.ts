/**
 * Who the renderer shows a case to: the one rule (shared/access `maySeeCase`) applied to the person using the
 * app. Every surface (queue, case view, escalations, board, reports and exports, search, command palette, tray
 * badge, notifications) asks here, so none can show a confidential case the others hide.
 *
 * The viewer is the store's actor: the signed-in person when connected to a desk server, the person chosen in
 * Settings → Who I am on a standalone desk. A standalone desk where nobody has said who they are is its
 * machine's owner's, with nobody else's data on it: that owner sees everything (docs/decisions.md).
 */
import { type CaseAccessFields, maySeeCase, type Viewer } from '../../shared/access';
import type { CaseKind } from '../../shared/domain';
import type { Policy } from '../../shared/policies';
import type { Person } from '../../shared/sync';
import type { CaseRow, CaseStore } from '../db';

/** The owner of a standalone desk that has not said who they are: sees every case on it. */
export const MACHINE_OWNER: Viewer = Object.freeze({ id: '', role: 'manager', seesConfidential: true });

/** What the rule reads of a case, with what finds its policy. */
export type CaseForAccess = CaseAccessFields & {
  readonly policyId: string | null;
  readonly kind: CaseKind;
};

/**
 * The viewer for an actor: null (standalone, nobody chosen) is the machine's owner; a directory row is that
 * person; an id the directory does not know yet gets the least access (an agent without confidential access).
 */
export function viewerFor(actorId: string | null, people: readonly Person[]): Viewer {
  if (actorId === null) return MACHINE_OWNER;
  return people.find((p) => p.id === actorId) ?? { id: actorId, role: 'agent', seesConfidential: false };
}

/** The policy whose rules apply to a case: its own, else its kind's (as shared/sync `policyForCase`). */
function policyFor(kase: CaseForAccess, policies: readonly Policy[]): Policy | undefined {
  return policies.find((p) => p.id === kase.policyId) ?? policies.find((p) => p.caseKind === kase.kind);
}

/** Whether this viewer sees every case whatever it is (nothing to filter). */
export function seesEverything(viewer: Viewer): boolean {
  return viewer === MACHINE_OWNER || viewer.seesConfidential;
}

/** The rule as a predicate for one viewer and the desk's policies. */
export function maySeeFor(viewer: Viewer, policies: readonly Policy[]): (kase: CaseForAccess) => boolean {
  if (seesEverything(viewer)) return () => true;
  return (kase) => maySeeCase(viewer, kase, policyFor(kase, policies));
}

/** What one viewer may see, ready to filter any list of cases or ids. */
export interface CaseAccess {
  readonly viewer: Viewer;
  maySee(kase: CaseForAccess): boolean;
  /** The ids of the cases in the store this viewer may not see (empty when they see everything). */
  readonly hidden: ReadonlySet<string>;
  /** The rows of those cases, as read with `hidden` (what a count of a view takes away). */
  readonly hiddenCases: readonly CaseRow[];
  /** `ids` without the hidden ones, in their order. */
  visibleIds(ids: readonly string[]): string[];
  /** `cases` without those the viewer may not see, in their order. */
  visibleCases<T extends CaseForAccess>(cases: readonly T[]): T[];
}

const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

/** The access of `viewer` over the cases now in the store (the confidential ones come from their index). */
export async function caseAccessFor(store: CaseStore, viewer: Viewer): Promise<CaseAccess> {
  const policies = await store.db.policies.toArray();
  const maySee = maySeeFor(viewer, policies);
  let hidden = NOTHING_HIDDEN;
  let hiddenCases: CaseRow[] = [];
  if (!seesEverything(viewer)) {
    const restricted: CaseRow[] = await store.db.cases.where('confidentialKey').equals(1).toArray();
    hiddenCases = restricted.filter((row) => !maySee(row));
    hidden = new Set(hiddenCases.map((row) => row.id));
  }
  return {
    viewer,
    maySee,
    hidden,
    hiddenCases,
    visibleIds: (ids) => (hidden.size === 0 ? [...ids] : ids.filter((id) => !hidden.has(id))),
    visibleCases: (cases) => cases.filter(maySee),
  };
}

const pendingIdentity = new WeakSet<CaseStore>();

/**
 * Says that someone has been chosen in Settings but the store does not know their directory entry yet: until
 * then the store's viewer has the least access, never the machine owner's.
 */
export function setIdentityPending(store: CaseStore, pending: boolean): void {
  if (pending) pendingIdentity.add(store);
  else pendingIdentity.delete(store);
}

/** Someone not yet found in the directory: sees what every agent sees. */
const NOT_YET_KNOWN: Viewer = Object.freeze({
  id: '\u0000not-yet-known',
  role: 'agent',
  seesConfidential: false,
});

/** The person using the app as the rule sees them (the store's actor, read from its directory). */
export async function currentViewer(store: CaseStore): Promise<Viewer> {
  const actorId = store.actorId;
  if (pendingIdentity.has(store)) return NOT_YET_KNOWN;
  if (actorId === null) return MACHINE_OWNER;
  const person = await store.db.people.get(actorId);
  return viewerFor(actorId, person === undefined ? [] : [person]);
}

/** What the person using the app may see now. */
export async function currentAccess(store: CaseStore): Promise<CaseAccess> {
  return caseAccessFor(store, await currentViewer(store));
}
