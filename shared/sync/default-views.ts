import type { SavedView } from './rows';

/** The queue views a new desk starts with, shared with everyone: the server seeds them, and so does a standalone store. */

export const DEFAULT_SAVED_VIEWS: readonly SavedView[] = [
  { id: 'view-all-open', name: 'All open', filter: {}, ownerId: null, order: 0 },
  { id: 'view-mine', name: 'My cases', filter: { mine: true }, ownerId: null, order: 1 },
  { id: 'view-unassigned', name: 'Unassigned', filter: { unassigned: true }, ownerId: null, order: 2 },
  { id: 'view-breached', name: 'Breached', filter: { sla: 'breached' }, ownerId: null, order: 3 },
  { id: 'view-at-risk', name: 'At risk', filter: { sla: 'at-risk' }, ownerId: null, order: 4 },
  { id: 'view-paused', name: 'Paused', filter: { sla: 'paused' }, ownerId: null, order: 5 },
  { id: 'view-escalations', name: 'Escalations', filter: { kind: 'escalation' }, ownerId: null, order: 6 },
  { id: 'view-complaints', name: 'Complaints', filter: { kind: 'complaint' }, ownerId: null, order: 7 },
  {
    id: 'view-formal',
    name: 'Formal complaints',
    filter: { kind: 'formal-complaint' },
    ownerId: null,
    order: 8,
  },
  { id: 'view-director', name: 'With a director', filter: { level: 2 }, ownerId: null, order: 9 },
];
