import type { ComponentType, ReactNode } from 'react';
import styles from './Banner.module.css';
import { cx } from './cx';
import type { IconProps } from './icons';

/**
 * A warning that needs the person now, announced at once: across the top of the view (the clock started
 * behind the store, a sign-out), or `inline` above a form's buttons (an answer names staff).
 */
export function Banner({
  icon: Icon,
  inline,
  actions,
  testId,
  children,
}: {
  icon?: ComponentType<IconProps>;
  inline?: boolean;
  /** Buttons after the words. */
  actions?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className={cx(styles.banner, inline && styles.inline)} role="alert" data-testid={testId}>
      {Icon ? <Icon size={16} /> : null}
      <p>{children}</p>
      {actions}
    </div>
  );
}
