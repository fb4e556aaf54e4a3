import { useId } from 'react';
import type { Policy } from '../../../shared/policies';
import { describeDuration } from '../../../shared/sla';
import { STATUS_LABELS } from '../../case-kit/labels';
import styles from './Intake.module.css';

/** What the policy promises for this kind of case, beside the form: what the agent can tell the requester. */
export function PolicySummary({ policy }: { policy: Policy }) {
  const id = useId();
  return (
    <aside className={styles.summary} aria-labelledby={id}>
      <h2 id={id} className={styles.sectionTitle}>
        {policy.name}: what happens next
      </h2>
      {policy.targets.length > 0 ? (
        <ul className={styles.promises}>
          {policy.targets.map((target) => (
            <li key={target.id}>
              <span className={styles.promise}>{target.name}</span>
              {target.name.includes(String(target.duration.amount)) ? null : (
                <span className={styles.promiseHint}>{describeDuration(target.duration)}</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>No deadline applies to this kind of case.</p>
      )}
      <ul className={styles.facts}>
        {policy.confidentialByDefault ? (
          <li>Handled in confidence: only staff allowed to see complaints get it.</li>
        ) : null}
        {policy.ownership.required ? (
          <li>
            One designated owner from {policy.ownership.from === 'intake' ? 'logging' : 'acknowledgement'} to
            resolution.
          </li>
        ) : null}
        {policy.pauseStatuses.length > 0 ? (
          <li>
            Clocks pause while the case is{' '}
            {policy.pauseStatuses.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ')}.
          </li>
        ) : null}
        {policy.stages.length > 0 ? <li>Stages: {policy.stages.map((s) => s.name).join(' → ')}.</li> : null}
        {policy.externalReferrals.map((route) => (
          <li key={route.body}>
            May be referred to {route.body}
            {route.description
              ? `: ${route.description.charAt(0).toLowerCase()}${route.description.slice(1)}`
              : '.'}
          </li>
        ))}
      </ul>
    </aside>
  );
}
