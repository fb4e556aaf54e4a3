/**
 * The four SLA states as the whole app shows them: colour, a distinct icon shape and a word, so a state never
 * depends on colour alone. Use `compact` in dense tables (icon + short word).
 */
import type { ComponentType, ReactNode } from 'react';
import { cx } from './cx';
import type { IconProps } from './icons';
import { AlertOctagonIcon, AlertTriangleIcon, CheckCircleIcon, PauseCircleIcon } from './icons';
import styles from './SlaBadge.module.css';

export type SlaTone = 'breached' | 'at-risk' | 'on-track' | 'paused';

export const SLA_TONES: Readonly<
  Record<SlaTone, { label: string; icon: ComponentType<IconProps>; description: string }>
> = {
  breached: { label: 'Breached', icon: AlertOctagonIcon, description: 'Past its deadline' },
  'at-risk': { label: 'At risk', icon: AlertTriangleIcon, description: 'Deadline close' },
  'on-track': { label: 'On track', icon: CheckCircleIcon, description: 'Within its deadline' },
  paused: {
    label: 'Paused',
    icon: PauseCircleIcon,
    description: 'Clock stopped (e.g. waiting on the requester)',
  },
};

export interface SlaBadgeProps {
  tone: SlaTone;
  /** Extra text after the state, e.g. a countdown: "3h 12m". */
  detail?: ReactNode;
  compact?: boolean;
  className?: string;
}

export function SlaBadge({ tone, detail, compact, className }: SlaBadgeProps) {
  const { label, icon: Icon } = SLA_TONES[tone];
  return (
    <span className={cx(styles.badge, styles[tone], compact && styles.compact, className)} data-sla={tone}>
      <Icon size={compact ? 13 : 14} className={styles.icon} />
      <span className={styles.label}>{label}</span>
      {detail ? <span className={cx(styles.detail, 'tabular')}>{detail}</span> : null}
    </span>
  );
}
