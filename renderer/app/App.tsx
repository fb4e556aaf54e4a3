/**
 * The app shell: sidebar, top bar (command palette, app clock), the current view and the status bar, plus
 * the keyboard layer (shortcut listener, `?` help, Ctrl/Cmd+K palette).
 */
import { Suspense, useEffect, useState } from 'react';
import { CaseStoreProvider } from '../case-store/case-store';
import { startSyncStatus } from '../case-store/sync-status';
import { type AppClock, ClockProvider, useNow } from '../clock';
import { loadCatalog } from '../desk-settings/catalog';
import { startSettingsSync } from '../desk-settings/settings-store';
import { useAction } from '../shell-services/actions';
import { navigate, path, useLocation } from '../shell-services/router';
import { installShortcutListener } from '../shell-services/shortcuts';
import { Toasts } from '../shell-services/toasts';
import styles from './App.module.css';
import { Banners } from './Banners';
import { ComingSoon } from './ComingSoon';
import { CommandPalette } from './CommandPalette';
import { NAV_ROUTES, type NavRoute, PrintView, routeFor, views } from './routes';
import { ShortcutsDialog } from './ShortcutsDialog';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { TimeTravelControl } from './TimeTravelControl';
import { TopBar } from './TopBar';

export function App({ clock }: { clock: AppClock & { problem: string | null } }) {
  useEffect(installShortcutListener, []);
  useEffect(startSettingsSync, []);
  useEffect(startSyncStatus, []);
  const printing = useLocation().segments[0] === 'print';

  return (
    <ClockProvider value={clock}>
      {printing ? (
        <Suspense fallback={null}>
          <PrintView clock={clock.clock} />
        </Suspense>
      ) : (
        <CaseStoreProvider clock={clock.clock}>
          <Shell clockProblem={clock.problem} />
        </CaseStoreProvider>
      )}
    </ClockProvider>
  );
}

function Shell({ clockProblem }: { clockProblem: string | null }) {
  const { segments } = useLocation();
  const route = routeFor(segments[0]);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const year = useNow(86_400_000).getUTCFullYear();

  useAction({
    id: 'app.palette',
    keys: 'mod+k',
    label: 'Open the command palette',
    group: 'General',
    palette: false,
    run: () => setPaletteOpen((open) => !open),
  });
  useAction({
    id: 'app.shortcuts',
    keys: '?',
    label: 'Show keyboard shortcuts',
    group: 'General',
    run: () => setShortcutsOpen(true),
  });

  useEffect(() => {
    // An unknown address goes to the queue rather than a blank page.
    if (!route) navigate(path('queue'));
  }, [route]);

  const View = route ? views[route.id] : undefined;
  return (
    <div className={styles.shell}>
      <button type="button" className={styles.skip} onClick={skipToMain}>
        Skip to content
      </button>
      <Sidebar current={route?.id} />
      <div className={styles.main}>
        <TopBar
          onOpenPalette={() => setPaletteOpen(true)}
          onOpenShortcuts={() => setShortcutsOpen(true)}
          clock={<TimeTravelControl loadCalendar={async () => (await loadCatalog(year)).deskCalendar} />}
        />
        <Banners clockProblem={clockProblem} />
        <main id="main" className={styles.content} tabIndex={-1}>
          <Suspense fallback={null}>{route ? View ? <View /> : <ComingSoon route={route} /> : null}</Suspense>
        </main>
        <StatusBar />
      </div>
      {NAV_ROUTES.map((nav) => (
        <NavigationShortcut key={nav.id} route={nav} />
      ))}
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} />
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <Toasts />
    </div>
  );
}

/** "g q" goes to the queue, and the palette offers "Go to Queue". */
function NavigationShortcut({ route }: { route: NavRoute }) {
  useAction({
    id: `nav.${route.id}`,
    keys: route.keys,
    label: `Go to ${route.label}`,
    group: 'Navigation',
    run: () => navigate(path(route.id)),
  });
  return null;
}

/** A button, not a #main link: the hash holds the route. */
function skipToMain() {
  document.getElementById('main')?.focus();
}
