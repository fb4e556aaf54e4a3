/** `?`: every shortcut registered right now, by group. */

import { displayKeys, type Shortcut, useShortcutList } from '../shell-services/shortcuts';
import { Dialog } from '../ui/Dialog';
import { Kbd } from '../ui/Kbd';
import styles from './ShortcutsDialog.module.css';

export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const shortcuts = useShortcutList();
  const groups = new Map<string, Shortcut[]>();
  for (const shortcut of shortcuts)
    groups.set(shortcut.group, [...(groups.get(shortcut.group) ?? []), shortcut]);

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" width="lg">
      <div className={styles.groups}>
        {[...groups].map(([group, items]) => (
          <section key={group} className={styles.group} aria-label={group}>
            <h3 className={styles.heading}>{group}</h3>
            <dl className={styles.list}>
              {items.map((shortcut) => (
                <div key={shortcut.id} className={styles.row}>
                  <dt>{shortcut.label}</dt>
                  <dd>
                    <Kbd keys={displayKeys(shortcut.keys)} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
