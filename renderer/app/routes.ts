/**
 * The sidebar's destinations. A view not built yet shows what it will be and which issue brings it, so no
 * link is ever dead; a feature replaces its `comingWith` entry with its view in App.tsx's `views`.
 */
import type { ComponentType } from 'react';
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
