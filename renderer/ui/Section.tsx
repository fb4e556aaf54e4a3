import { type ReactNode, useId } from 'react';
import styles from './Section.module.css';

/** A titled card of a form or an editor ("The requester", "Opening hours"), named by its heading. */
export function Section({
  title,
  intro,
  level = 2,
  children,
}: {
  title: string;
  intro?: ReactNode;
  /** The heading's level: 2 in a view, 3 inside an editor that has its own h2. */
  level?: 2 | 3;
  children: ReactNode;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Heading id={id} className={styles.title}>
        {title}
      </Heading>
      {intro ? <p className={styles.intro}>{intro}</p> : null}
      {children}
    </section>
  );
}
