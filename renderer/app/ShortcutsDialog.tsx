/** `?`: every action with keys that applies right now, by group. */
import { Fragment } from 'react';
import { byGroup, shortcutActions, useActions } from '../shell-services/actions';
import { displayKeys } from '../shell-services/shortcuts';
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
  const groups = byGroup(shortcutActions(useActions()));

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" width="lg">
      <div className={styles.groups}>
        {[...groups].map(([group, items]) => (
          <section key={group} className={styles.group} aria-label={group}>
            <h3 className={styles.heading}>{group}</h3>
            <dl className={styles.list}>
              {items.map((action) => (
                <div key={action.id} className={styles.row}>
                  <dt>{action.label}</dt>
                  <dd>
                    {action.keys.map((binding, index) => (
                      <Fragment key={binding.keys}>
                        {index > 0 ? <span className={styles.or}> or </span> : null}
                        <Kbd keys={displayKeys(binding.keys)} />
                      </Fragment>
                    ))}
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
