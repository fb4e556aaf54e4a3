/**
 * What the agent has set up in the queue (view, refinements, order, search, the row they are on, what they
 * selected, how far they scrolled). Module state, so opening a case and coming back finds the queue as it was.
 */
import type { RowSelectionState } from '@tanstack/react-table';
import { create } from 'zustand';
import type { CaseFilter } from '../../../shared/sync';
import { type QueueSort, URGENCY } from './queue-data';

export interface QueueUiState {
  viewId: string;
  /** Filters on top of the saved view's own (they win where both set the same criterion). */
  refine: CaseFilter;
  sort: QueueSort;
  search: string;
  /** The row the keyboard is on. */
  activeId: string | null;
  /** Selected case ids (TanStack's RowSelectionState: id -> true). */
  selected: RowSelectionState;
}

export const DEFAULT_VIEW_ID = 'view-all-open';

export const useQueueUi = create<QueueUiState>(() => ({
  viewId: DEFAULT_VIEW_ID,
  refine: {},
  sort: URGENCY,
  search: '',
  activeId: null,
  selected: {},
}));

export function setQueueUi(patch: Partial<QueueUiState>): void {
  useQueueUi.setState(patch);
}

/** A new saved view starts unrefined, at the top, with nothing selected. */
export function chooseView(viewId: string): void {
  useQueueUi.setState({ viewId, refine: {}, activeId: null, selected: {} });
}

/**
 * How far the grid was scrolled, so coming back from a case finds the same place. Not state: a scroll must
 * not re-render the queue.
 */
export const gridScroll = { top: 0 };

/** The assignee criteria are one choice: anyone, me, unassigned or a person. */
export type AssigneeChoice = 'anyone' | 'me' | 'unassigned' | { personId: string };

export function withAssignee(filter: CaseFilter, choice: AssigneeChoice): CaseFilter {
  const { mine: _mine, unassigned: _unassigned, assigneeId: _assigneeId, ...rest } = filter;
  if (choice === 'me') return { ...rest, mine: true };
  if (choice === 'unassigned') return { ...rest, unassigned: true };
  if (choice === 'anyone') return rest;
  return { ...rest, assigneeId: choice.personId };
}

/** The view's filter with the refinements applied (one assignee criterion at most). */
export function effectiveFilter(view: CaseFilter, refine: CaseFilter): CaseFilter {
  const assigneeRefined = refine.mine || refine.unassigned || refine.assigneeId !== undefined;
  const base = assigneeRefined ? withAssignee(view, 'anyone') : view;
  return { ...base, ...refine };
}
