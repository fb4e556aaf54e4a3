/**
 * Who may change the desk's shared set-up (policies, calendars, teams, shared views, the directory). The
 * server's run of a mutator is the one that counts (its actor is the signed-in caller); the client's run says
 * the same thing sooner. A null actor is a standalone desk that has not said who it is: it may do what it
 * could do before there were servers.
 */
import { notAllowed } from './errors';
import type { Person } from './rows';

/** Managers and admins look after the desk's rules. */
export function managesDesk(actor: Person | null): boolean {
  return actor === null || actor.role === 'manager' || actor.admin === true;
}

/** Admins keep the directory of people. */
export function keepsDirectory(actor: Person | null): boolean {
  return actor === null || actor.admin === true;
}

/** Refuses the change unless the actor manages the desk; `what` completes "change …". */
export function requireManager(actor: Person | null, what: string): void {
  if (!managesDesk(actor))
    throw notAllowed(
      `Only a manager or an admin can change ${what}. Ask your service desk manager to make this change.`,
    );
}
