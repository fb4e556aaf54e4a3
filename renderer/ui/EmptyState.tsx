import type { ComponentType, ReactNode } from 'react';
import styles from './EmptyState.module.css';
import type { IconProps } from './icons';

/** A calm, centred panel for a view with nothing to show yet (or not built yet), with a way onward. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  actions,
}: {
  icon: ComponentType<IconProps>;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className={styles.empty} aria-label={typeof title === 'string' ? title : undefined}>
      <div className={styles.art}>
        <Icon size={28} />
      </div>
      <h2 className={styles.title}>{title}</h2>
      {children ? <div className={styles.body}>{children}</div> : null}
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </section>
  );
}
