/** The saved views with their counts, listed under "Queue" in the sidebar while the queue is open. */
import { useActorId } from '../../case-store/case-store';
import { navigate, path } from '../../shell-services/router';
import { cx } from '../../ui/cx';
import { chooseView, useQueueUi } from './queue-state';
import { useSavedViews, useViewCounts } from './use-queue';
import styles from './ViewsNav.module.css';

const count = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

export function ViewsNav() {
  const actorId = useActorId();
  const views = useSavedViews(actorId);
  const counts = useViewCounts(views);
  const current = useQueueUi((s) => s.viewId);
  if (views === undefined) return null;
  return (
    <ul className={styles.views} aria-label="Saved views">
      {views.map((view) => {
        const active = view.id === current;
        const n = counts?.[view.id];
        return (
          <li key={view.id}>
            <a
              href={`#${path('queue')}`}
              onClick={(event) => {
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                event.preventDefault();
                chooseView(view.id);
                navigate(path('queue'));
              }}
              className={cx(styles.view, active && styles.active)}
              aria-current={active ? 'true' : undefined}
              data-testid={`view-${view.id}`}
            >
              <span className={styles.name}>{view.name}</span>
              {n === undefined ? null : (
                <span className={cx(styles.count, 'tabular')}>
                  {count.format(n)}
                  <span className="visually-hidden"> cases</span>
                </span>
              )}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
