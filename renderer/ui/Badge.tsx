import type { ReactNode } from 'react';
import styles from './Badge.module.css';
import { cx } from './cx';

export function Badge({
  tone = 'neutral',
  children,
  className,
}: {
  tone?: 'neutral' | 'accent' | 'travel';
  children: ReactNode;
  className?: string;
}) {
  return <span className={cx(styles.badge, styles[tone], className)}>{children}</span>;
}
