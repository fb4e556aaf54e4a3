import { Suspense } from 'react';
import { useStoreTarget } from '../case-store/case-store';
import { useStoreQuery } from '../case-store/store-query';
import { useSyncService } from '../case-store/sync-status';
import { roleLabel } from '../desk-settings/roles';
import { useMe } from '../desk-settings/settings-store';
import { linkTo, path } from '../shell-services/router';
import { cx } from '../ui/cx';
import { ArrowRightIcon, UserIcon } from '../ui/icons';
import { Kbd } from '../ui/Kbd';
import styles from './App.module.css';
import { NAV_ROUTES, QueueViewsNav, type RouteId } from './routes';

// The queue's saved views (with their counts) read the case store: loaded with the queue, not with the shell.

/**
 * Who is using the app: standalone, the name in Settings → Who I am; synced with a team server, the signed-in
 * person as the server's directory has them.
 */
function useIdentity(): { name: string; detail: string; to: string } | null {
  const me = useMe();
  const target = useStoreTarget();
  const service = useSyncService();
  const personId = target?.personId ?? null;
  const person = useStoreQuery(
    async (store) => {
      if (personId === null) return null;
      const row = await store.db.people.get(personId);
      const team = row?.teamId ? await store.db.teams.get(row.teamId) : undefined;
      return row ? { name: row.name, role: row.role, team: team?.name ?? null } : null;
    },
    [personId],
    { tables: ['people', 'teams'] },
  );
  if (personId !== null) {
    const to = path('settings', 'server');
    if (!person) return { name: service?.email ?? 'Signed in', detail: 'Team server · signing in', to };
    return { name: person.name, detail: `${roleLabel(person.role)} · ${person.team ?? 'no team'}`, to };
  }
  return me
    ? { name: me.name, detail: `${roleLabel(me.role)} · ${me.team}`, to: path('settings', 'me') }
    : null;
}

export function Sidebar({ current }: { current: RouteId | undefined }) {
  const me = useIdentity();
  const main = NAV_ROUTES.filter((r) => r.id !== 'settings');
  const settings = NAV_ROUTES.find((r) => r.id === 'settings')!;
  return (
    <aside className={styles.sidebar}>
      <div className={styles.brand}>
        <span className={styles.logo} aria-hidden="true">
          D
        </span>
        <span className={styles.brandName}>Desk</span>
      </div>
      <nav aria-label="Main" className={styles.nav}>
        <ul>
          {[...main, settings].map((route) => {
            const Icon = route.icon;
            const active = route.id === current;
            return (
              <li key={route.id} className={route.id === 'settings' ? styles.navSeparated : undefined}>
                <a
                  {...linkTo(path(route.id))}
                  className={cx(styles.navItem, active && styles.navItemActive)}
                  aria-current={active ? 'page' : undefined}
                >
                  <Icon size={16} className={styles.navIcon} />
                  <span className={styles.navLabel}>{route.label}</span>
                  <Kbd keys={route.keys.split(' ')} className={styles.navKeys} />
                </a>
                {route.id === 'queue' && active ? (
                  <Suspense fallback={null}>
                    <QueueViewsNav />
                  </Suspense>
                ) : null}
              </li>
            );
          })}
        </ul>
      </nav>
      <a {...linkTo(me?.to ?? path('settings', 'me'))} className={styles.me}>
        <span className={styles.avatar} aria-hidden="true">
          {me ? initials(me.name) : <UserIcon size={15} />}
        </span>
        {me ? (
          <span className={styles.meText}>
            <span className={styles.meName}>{me.name}</span>
            <span className={styles.meRole}>{me.detail}</span>
          </span>
        ) : (
          <span className={styles.meText}>
            <span className={styles.meName}>Who are you?</span>
            <span className={styles.meRole}>
              Set your name and team <ArrowRightIcon size={11} />
            </span>
          </span>
        )}
      </a>
    </aside>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}
