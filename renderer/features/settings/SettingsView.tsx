/**
 * Settings: who I am, the team server, policies, calendars, about. Each section has its own address
 * (#/settings/<section>).
 */
import { type ComponentType, Suspense } from 'react';
import { linkTo, path, useLocation } from '../../shell-services/router';
import { cx } from '../../ui/cx';
import {
  CalendarIcon,
  CloudIcon,
  type IconProps,
  InboxIcon,
  InfoIcon,
  PolicyIcon,
  UserIcon,
} from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { AboutPanel } from './AboutPanel';
import { CalendarsPanel } from './CalendarsPanel';
import { MailboxPanel } from './MailboxPanel';
import { PoliciesPanel } from './PoliciesPanel';
import styles from './Settings.module.css';
import { TeamServerPanel } from './TeamServerPanel';
import { WhoIAm } from './WhoIAm';

type SectionId = 'me' | 'server' | 'mailbox' | 'policies' | 'calendars' | 'about';

const SECTIONS: readonly { id: SectionId; label: string; icon: ComponentType<IconProps> }[] = [
  { id: 'me', label: 'Who I am', icon: UserIcon },
  { id: 'server', label: 'Team server', icon: CloudIcon },
  { id: 'mailbox', label: 'Mailbox', icon: InboxIcon },
  { id: 'policies', label: 'Policies', icon: PolicyIcon },
  { id: 'calendars', label: 'Calendars', icon: CalendarIcon },
  { id: 'about', label: 'About', icon: InfoIcon },
];

export function SettingsView() {
  const { segments } = useLocation();
  const section: SectionId = SECTIONS.find((s) => s.id === segments[1])?.id ?? 'me';
  const selectedId = segments[2];
  const editing = segments[3] === 'edit';

  return (
    <div className={styles.view}>
      <PageHeader
        title="Settings"
        subtitle="This desktop's identity, and the rules the desk's deadlines follow."
      />
      <div className={styles.body}>
        <nav className={styles.nav} aria-label="Settings sections">
          <ul>
            {SECTIONS.map(({ id, label, icon: Icon }) => (
              <li key={id}>
                <a
                  {...linkTo(path('settings', id))}
                  className={cx(styles.navItem, id === section && styles.navItemActive)}
                  aria-current={id === section ? 'page' : undefined}
                >
                  <Icon size={15} />
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.content}>
          {section === 'me' ? <WhoIAm /> : null}
          {section === 'server' ? <TeamServerPanel /> : null}
          {section === 'mailbox' ? <MailboxPanel /> : null}
          <Suspense fallback={<p className={styles.muted}>Loading…</p>}>
            {section === 'policies' ? <PoliciesPanel selectedId={selectedId} editing={editing} /> : null}
            {section === 'calendars' ? <CalendarsPanel selectedId={selectedId} editing={editing} /> : null}
          </Suspense>
          {section === 'about' ? <AboutPanel /> : null}
        </div>
      </div>
    </div>
  );
}
