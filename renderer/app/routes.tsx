/**
 * The sidebar's destinations and the one place the shell names the features' views. A view not built yet shows
 * what it will be and which issue brings it, so no link is ever dead; a feature replaces its `comingWith` entry
 * with its view in `views`. The shell imports no feature otherwise (biome.json's renderer/app rule).
 */
import { type ComponentType, lazy, Suspense } from 'react';
import { useLocation } from '../shell-services/router';
import {
  BoardIcon,
  EscalationIcon,
  type IconProps,
  InboxIcon,
  QueueIcon,
  ReportsIcon,
  SettingsIcon,
} from '../ui/icons';

export type RouteId = 'queue' | 'intake' | 'escalations' | 'board' | 'reports' | 'settings';

export interface NavRoute {
  id: RouteId;
  label: string;
  icon: ComponentType<IconProps>;
  /** Shortcut to go there ("g q"). */
  keys: string;
  /** One line on what the view is for, shown while it is not built yet. */
  purpose: string;
  comingWith?: string;
}

export const NAV_ROUTES: readonly NavRoute[] = [
  {
    id: 'queue',
    label: 'Queue',
    icon: QueueIcon,
    keys: 'g q',
    purpose: 'Every open case by urgency, with live SLA countdowns, filters, saved views and bulk actions.',
  },
  {
    id: 'intake',
    label: 'New case',
    icon: InboxIcon,
    keys: 'g n',
    purpose: 'Log a query, complaint, escalation or formal complaint taken by phone, in person or by email.',
  },
  {
    id: 'escalations',
    label: 'Escalations',
    icon: EscalationIcon,
    keys: 'g e',
    purpose:
      'The desk’s prompt list, the manager’s and the director’s queues, escalation cases and formal complaints.',
  },
  {
    id: 'board',
    label: 'Board',
    icon: BoardIcon,
    keys: 'g b',
    purpose: 'The overdue board: breached and at-risk cases by team and escalation level, for managers.',
  },
  {
    id: 'reports',
    label: 'Reports',
    icon: ReportsIcon,
    keys: 'g r',
    purpose: 'The fortnightly outstanding-queries report and SLA performance, exported to PDF.',
  },
  {
    id: 'settings',
    label: 'Settings',
    icon: SettingsIcon,
    keys: 'g s',
    purpose: 'Who I am, policies and calendars.',
  },
];

export function routeFor(segment: string | undefined): NavRoute | undefined {
  return NAV_ROUTES.find((route) => route.id === segment);
}

const QueueView = lazy(() => import('../features/queue/QueueView').then((m) => ({ default: m.QueueView })));
const CaseView = lazy(() => import('../features/case/CaseView').then((m) => ({ default: m.CaseView })));

/** `#/queue` is the queue; `#/queue/<case id>` is one case, opened from it (the sidebar keeps "Queue" lit). */
function QueueRoute() {
  const { segments } = useLocation();
  const caseId = segments[1];
  if (caseId === undefined) return <QueueView />;
  return (
    <Suspense fallback={null}>
      <CaseView key={caseId} caseId={caseId} />
    </Suspense>
  );
}

/**
 * Built views by route, each loaded on first visit (the shell paints without them); the others show their
 * "coming with" panel.
 */
export const views: Partial<Record<RouteId, ComponentType>> = {
  queue: QueueRoute,
  intake: lazy(() => import('../features/intake/IntakeView').then((m) => ({ default: m.IntakeView }))),
  escalations: lazy(() =>
    import('../features/escalations/EscalationsView').then((m) => ({ default: m.EscalationsView })),
  ),
  settings: lazy(() =>
    import('../features/settings/SettingsView').then((m) => ({ default: m.SettingsView })),
  ),
  board: lazy(() => import('../features/board/BoardView').then((m) => ({ default: m.BoardView }))),
  reports: lazy(() => import('../features/reports/ReportsView').then((m) => ({ default: m.ReportsView }))),
};

/** The saved views under "Queue" in the sidebar. */
export const QueueViewsNav = lazy(() =>
  import('../features/queue/ViewsNav').then((m) => ({ default: m.ViewsNav })),
);

/** `#/print/…`: one report and nothing else, for Chromium's print engine (see features/reports/PrintView). */
export const PrintView = lazy(() => import('../features/reports/PrintView'));
