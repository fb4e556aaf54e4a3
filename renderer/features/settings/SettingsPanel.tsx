/**
 * One panel of Settings (Who I am, Team server, Mailbox, a calendar, a policy…): its breadcrumb, its heading with
 * what can be done to it, and its introduction, the same way in every panel.
 */
import { type ReactNode, useId } from 'react';
import { Breadcrumb } from './EditorParts';
import styles from './Settings.module.css';

export function SettingsPanel({
  title,
  intro,
  trail,
  action,
  headingId,
  testId,
  children,
}: {
  title: ReactNode;
  intro?: ReactNode;
  /** Where the panel sits, for a detail page ("Calendars › UK office hours"). */
  trail?: Parameters<typeof Breadcrumb>[0]['trail'];
  /** Beside the heading: the link to the editor. */
  action?: ReactNode;
  /** The heading's id, when something inside is named by it too. */
  headingId?: string;
  testId?: string;
  children: ReactNode;
}) {
  const ownId = useId();
  const id = headingId ?? ownId;
  const heading = (
    <h2 id={id} className={styles.sectionTitle}>
      {title}
    </h2>
  );
  return (
    <section className={styles.section} aria-labelledby={id} data-testid={testId}>
      {trail ? <Breadcrumb trail={trail} /> : null}
      {action ? (
        <div className={styles.titleRow}>
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {intro ? <p className={styles.sectionIntro}>{intro}</p> : null}
      {children}
    </section>
  );
}
