/** Saved queue views as changes: a personal view belongs to its owner; shared ones to managers and admins. */
import { z } from 'zod';
import { defineMutator } from './define';
import { notAllowed } from './errors';
import { managesDesk } from './permissions';
import { type Person, SavedView } from './rows';
import { sameRow } from './same-row';

/** Refuses a change to `view` (as stored, or as it would be) that the actor may not make. */
function requireViewKeeper(actor: Person | null, view: SavedView): void {
  if (actor === null) return;
  if (view.ownerId === null) {
    if (!managesDesk(actor))
      throw notAllowed(
        `“${view.name}” is shared with the whole desk: only a manager or an admin can change it. Save your own copy instead.`,
      );
  } else if (view.ownerId !== actor.id) {
    throw notAllowed(`“${view.name}” is someone else's view: only they can change it.`);
  }
}

export const SaveViewArgs = z.object({ view: SavedView });
export type SaveViewArgs = z.input<typeof SaveViewArgs>;

/** Adds or changes a saved view. Saving it as it is changes nothing. */
export const saveView = defineMutator({
  args: SaveViewArgs,
  action: 'save the view',
  reads: (args) => ({ rowsById: { savedViews: [args.view.id] } }),
  run(rows, args) {
    const actor = rows.actor ?? null;
    const stored = rows.rowsById?.savedViews?.find((v) => v.id === args.view.id);
    if (stored !== undefined) requireViewKeeper(actor, stored);
    requireViewKeeper(actor, args.view);
    if (stored !== undefined && sameRow(stored, args.view)) return [];
    return [{ op: 'put', table: 'savedViews', row: args.view }];
  },
});

export const DeleteViewArgs = z.object({ viewId: z.string().min(1) });
export type DeleteViewArgs = z.input<typeof DeleteViewArgs>;

/** Removes a saved view; one already gone changes nothing. */
export const deleteView = defineMutator({
  args: DeleteViewArgs,
  action: 'delete the view',
  reads: (args) => ({ rowsById: { savedViews: [args.viewId] } }),
  run(rows, args) {
    const stored = rows.rowsById?.savedViews?.find((v) => v.id === args.viewId);
    if (stored === undefined) return [];
    requireViewKeeper(rows.actor ?? null, stored);
    return [{ op: 'del', table: 'savedViews', id: args.viewId }];
  },
});
