/**
 * The queue: the current saved view with its refinements, a search box, the virtualised grid and the bulk
 * actions, all workable from the keyboard (j/k, Enter, /, a, e, s, x; `?` lists them).
 */
import type { RowSelectionState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AssignDialog } from '../../case-actions/AssignDialog';
import { useAssignToMe } from '../../case-actions/assign-to-me';
import { EscalateDialog } from '../../case-actions/EscalateDialog';
import { StatusDialog } from '../../case-actions/StatusDialog';
import { PlusIcon } from '../../case-kit/icons';
import { setQueueOrder } from '../../case-kit/queue-order';
import { useDeskReference } from '../../case-kit/reference';
import {
  useActorId,
  useCaseSearch,
  useCaseStore,
  useSearchIndexing,
  useSeeding,
} from '../../case-store/case-store';
import type { CaseRow } from '../../db';
import { useAction } from '../../shell-services/actions';
import { linkTo, navigate, path } from '../../shell-services/router';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { QueueIcon, SearchIcon } from '../../ui/icons';
import { Kbd } from '../../ui/Kbd';
import { FilterBar } from './FilterBar';
import styles from './Queue.module.css';
import { QueueGrid, type QueueGridHandle } from './QueueGrid';
import type { QueueQuery } from './queue-data';
import { chooseView, effectiveFilter, gridScroll, setQueueUi, useQueueUi } from './queue-state';
import { type QueueIds, useQueueIds, useSavedViews } from './use-queue';

const EMPTY: readonly string[] = [];
/** How long a search may take before the queue shows it is searching (the old rows stay until then). */
const SHOW_SEARCHING_AFTER_MS = 250;
const count = new Intl.NumberFormat('en-GB');

type DialogName = 'assign' | 'status' | 'escalate' | null;

/** Grid keys (Enter, arrows) act only when the grid (or nothing in particular) has the focus. */
function gridFocused(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active.closest('[data-queue-grid]') !== null;
}

export function QueueView() {
  const { store, status, problem } = useCaseStore();
  const seeding = useSeeding();
  const reference = useDeskReference();
  const actorId = useActorId();
  const assignCasesToMe = useAssignToMe();
  const ui = useQueueUi();
  const views = useSavedViews(actorId);
  const openSearch = useCaseSearch();
  const indexing = useSearchIndexing();
  const view = views?.find((v) => v.id === ui.viewId) ?? views?.[0];
  const filter = effectiveFilter(view?.filter ?? {}, ui.refine);
  const filterKey = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `filterKey` is `filter` as a value.
  const query: QueueQuery = useMemo(
    () => ({ filter, sort: ui.sort, search: ui.search }),
    [filterKey, ui.sort, ui.search],
  );
  const { answer: result, readAhead } = useQueueIds(query, reference);
  const ids = result?.ids ?? EMPTY;
  const loading = result === undefined || JSON.stringify(result.query) !== JSON.stringify(query);
  const grid = useRef<QueueGridHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [targets, setTargets] = useState<readonly CaseRow[]>([]);
  const [searchText, setSearchText] = useState(ui.search);

  useEffect(() => setQueueOrder(ids), [ids]);

  // Loading the saved search index takes the worker a moment (at 100,000 cases, seconds): it starts once the
  // queue is on screen, so a search typed after that finds it ready or nearly so.
  const shown = result !== undefined;
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => void openSearch(), 300);
    return () => clearTimeout(timer);
  }, [shown, openSearch]);

  // Another view, filter, order or search starts at the top.
  const firstQuery = useRef(queryKeyOf(query));
  useEffect(() => {
    const key = queryKeyOf(query);
    if (key === firstQuery.current) return;
    firstQuery.current = key;
    // Only when scrolled: scrolling measures the grid, which forces a layout of the rows just rendered (26 ms
    // of a first search at 100,000 cases) before the frame lays them out anyway.
    if (gridScroll.top > 0) grid.current?.scrollToIndex(0);
    gridScroll.top = 0;
  }, [query]);

  const lastSearch = useRef(0);
  /** The text of the last search started (shown, or its answer still being read). */
  const searchedFor = useRef(ui.search);
  /**
   * Searches for `text`: the rows on screen stay until the answer is read (tens of ms at 100,000 cases), then
   * the queue switches to it and paints it at once; an answer slower than a moment shows the queue searching.
   * With `pointAtFirst`, the first case found becomes the active row.
   */
  const runSearch = (text: string, pointAtFirst: boolean) => {
    const run = ++lastSearch.current;
    searchedFor.current = text;
    const query: QueueQuery = { filter, sort: ui.sort, search: text };
    let switched = false;
    const switchTo = (answer?: QueueIds) => {
      if (run !== lastSearch.current) return;
      const first = pointAtFirst ? (answer?.ids[0] ?? null) : null;
      if (!switched) setQueueUi({ search: text, activeId: first });
      else if (first !== null && useQueueUi.getState().activeId === null) setQueueUi({ activeId: first });
      switched = true;
    };
    if (text.trim() === '') return switchTo();
    const late = setTimeout(switchTo, SHOW_SEARCHING_AFTER_MS);
    void readAhead(query).then((answer) => {
      clearTimeout(late);
      switchTo(answer);
    });
  };
  const searchRef = useRef(runSearch);
  searchRef.current = runSearch;

  // The search runs a moment after typing stops.
  useEffect(() => {
    const timer = setTimeout(() => {
      // Entered already (Enter does not wait for the pause), or nothing new.
      if (searchText === searchedFor.current) return;
      searchRef.current(searchText, false);
    }, 150);
    return () => clearTimeout(timer);
  }, [searchText]);

  // A scan of the ids (microseconds) rather than a map of 9,000 built on every new order.
  const activeIndex = ui.activeId === null ? -1 : ids.indexOf(ui.activeId);
  const selectedIds = useMemo(() => Object.keys(ui.selected).filter((id) => ui.selected[id]), [ui.selected]);

  const moveTo = useCallback(
    (index: number) => {
      if (ids.length === 0) return;
      const next = Math.max(0, Math.min(ids.length - 1, index));
      setQueueUi({ activeId: ids[next]! });
      grid.current?.scrollToIndex(next);
      grid.current?.focus();
    },
    [ids],
  );
  const move = (delta: number) => moveTo(activeIndex < 0 ? 0 : activeIndex + delta);
  const openCase = (id: string | null) => {
    if (id !== null) navigate(path('queue', id));
  };

  /** The cases an action applies to: the selection, else the active row. */
  const actionTargets = async (): Promise<CaseRow[]> => {
    const wanted = selectedIds.length > 0 ? selectedIds : ui.activeId === null ? [] : [ui.activeId];
    if (store === null || wanted.length === 0) return [];
    const rows = await store.db.cases.bulkGet(wanted);
    return rows.filter((row) => row !== undefined);
  };

  const withTargets = async (name: Exclude<DialogName, null>) => {
    const cases = await actionTargets();
    if (cases.length === 0) {
      notify({
        tone: 'error',
        title: 'No case chosen',
        description: 'Move to a case with j/k, or select some with x.',
      });
      return;
    }
    setTargets(name === 'escalate' ? cases.slice(0, 1) : cases);
    setDialog(name);
  };

  const assignToMe = async () => assignCasesToMe(await actionTargets());

  const toggleSelected = () => {
    if (ui.activeId === null) return;
    const next: RowSelectionState = { ...ui.selected };
    if (next[ui.activeId]) delete next[ui.activeId];
    else next[ui.activeId] = true;
    setQueueUi({ selected: next });
  };

  useAction({
    id: 'queue.next',
    keys: [{ keys: 'j' }, { keys: 'ArrowDown', when: gridFocused }],
    label: 'Next case',
    group: 'Queue',
    palette: false,
    run: () => move(1),
  });
  useAction({
    id: 'queue.previous',
    keys: [{ keys: 'k' }, { keys: 'ArrowUp', when: gridFocused }],
    label: 'Previous case',
    group: 'Queue',
    palette: false,
    run: () => move(-1),
  });
  useAction({
    id: 'queue.first',
    keys: [{ keys: 'Home', when: gridFocused }],
    label: 'First case',
    group: 'Queue',
    palette: false,
    run: () => moveTo(0),
  });
  useAction({
    id: 'queue.last',
    keys: [{ keys: 'End', when: gridFocused }],
    label: 'Last case',
    group: 'Queue',
    palette: false,
    run: () => moveTo(ids.length - 1),
  });
  useAction({
    id: 'queue.open',
    keys: [{ keys: 'Enter', when: gridFocused }],
    label: 'Open the case',
    group: 'Queue',
    palette: false,
    run: () => openCase(ui.activeId),
  });
  useAction({
    id: 'queue.search',
    keys: '/',
    label: 'Search cases',
    group: 'Queue',
    run: () => searchBox.current?.focus(),
  });
  useAction({
    id: 'queue.select',
    keys: 'x',
    label: 'Select or unselect the case',
    group: 'Queue',
    palette: false,
    run: toggleSelected,
  });
  useAction({
    id: 'queue.select-all',
    label: 'Select every case in this view',
    group: 'Queue',
    when: () => complete,
    run: () => setQueueUi({ selected: selectAll(ids) }),
  });
  useAction({
    id: 'queue.clear-selection',
    keys: 'Escape',
    label: 'Clear the selection',
    group: 'Queue',
    palette: false,
    when: () => selectedIds.length > 0,
    run: () => setQueueUi({ selected: {} }),
  });
  useAction({ id: 'queue.assign-me', keys: 'a', label: 'Assign to me', group: 'Queue', run: assignToMe });
  useAction({
    id: 'queue.assign',
    label: 'Assign to…',
    group: 'Queue',
    keywords: ['owner', 'team'],
    run: () => void withTargets('assign'),
  });
  useAction({
    id: 'queue.status',
    keys: 's',
    label: 'Change the status…',
    group: 'Queue',
    run: () => void withTargets('status'),
  });
  useAction({
    id: 'queue.escalate',
    keys: 'e',
    label: 'Escalate the case…',
    group: 'Queue',
    run: () => void withTargets('escalate'),
  });
  useAction({
    id: 'queue.new',
    label: 'Log a new case',
    group: 'Queue',
    keywords: ['intake', 'create'],
    run: () => navigate(path('intake')),
  });

  const total = result?.total ?? 0;
  // The first screen shows before the whole list: acting on "every case" waits for it.
  const complete = result?.complete ?? false;
  const title = view?.name ?? 'Queue';

  if (status === 'failed') {
    return (
      <EmptyState icon={QueueIcon} title="The queue can't open">
        <p>{problem.message}</p>
      </EmptyState>
    );
  }

  return (
    <div className={styles.queue}>
      <header className={styles.toolbar}>
        <div className={styles.titleBlock}>
          <h1 className={styles.title}>{title}</h1>
          <span className={styles.count} aria-live="polite" data-testid="queue-count">
            {result === undefined
              ? 'Loading…'
              : loading && ui.search
                ? indexing === null
                  ? 'Searching…'
                  : `Preparing search: ${count.format(indexing)} cases indexed…`
                : `${count.format(total)} ${total === 1 ? 'case' : 'cases'}`}
          </span>
        </div>
        <div className={styles.search}>
          <SearchIcon size={14} className={styles.searchIcon} />
          <input
            ref={searchBox}
            type="search"
            aria-label="Search cases"
            placeholder="Search reference, subject, requester, messages…"
            className={styles.searchInput}
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            // The index is built on first use: start it as soon as someone is about to search.
            onFocus={() => void openSearch()}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown' || (event.key === 'Enter' && !event.nativeEvent.isComposing)) {
                event.preventDefault();
                if (searchText !== ui.search) {
                  runSearch(searchText, true);
                  grid.current?.focus();
                } else moveTo(0);
              } else if (event.key === 'Escape') {
                event.preventDefault();
                if (searchText !== '') setSearchText('');
                else grid.current?.focus();
              }
            }}
          />
          <Kbd keys={['/']} className={styles.searchKey} />
        </div>
        <a className={styles.newCase} {...linkTo(path('intake'))}>
          <PlusIcon size={14} />
          New case
        </a>
      </header>
      <FilterBar filter={filter} reference={reference} actorId={actorId} />
      {selectedIds.length > 0 ? (
        <div className={styles.bulkBar} role="toolbar" aria-label="Selected cases">
          <strong>{count.format(selectedIds.length)} selected</strong>
          <Button size="sm" onClick={assignToMe}>
            Assign to me
          </Button>
          <Button size="sm" onClick={() => void withTargets('assign')}>
            Assign to…
          </Button>
          <Button size="sm" onClick={() => void withTargets('status')}>
            Change status…
          </Button>
          <span className={styles.spacer} />
          <Button
            size="sm"
            variant="ghost"
            disabled={!complete}
            onClick={() => setQueueUi({ selected: selectAll(ids) })}
          >
            Select all {count.format(total)}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setQueueUi({ selected: {} })}>
            Clear
          </Button>
        </div>
      ) : null}
      {store === null ? (
        <div className={styles.preparing} role="status">
          {seeding ? 'Setting up the demo desk…' : 'Opening the case store…'}
        </div>
      ) : result !== undefined && total === 0 && !loading ? (
        <EmptyState icon={QueueIcon} title={ui.search ? 'No case matches' : 'Nothing here'}>
          <p>
            {ui.search
              ? `No case in “${title}” matches “${ui.search}”.`
              : 'No open case is in this view. Pick another view, or clear the filters.'}
          </p>
        </EmptyState>
      ) : (
        <QueueGrid
          ref={grid}
          ids={ids}
          count={total}
          label={`${title}: cases`}
          busy={loading}
          activeId={ui.activeId}
          selected={ui.selected}
          sort={ui.sort}
          reference={reference}
          initialScrollTop={gridScroll.top}
          onActivate={(id) => setQueueUi({ activeId: id })}
          onOpen={openCase}
          onSelectedChange={(selected) => setQueueUi({ selected })}
          onSortChange={(sort) => setQueueUi({ sort, activeId: null })}
          onScroll={(scrollTop) => {
            gridScroll.top = scrollTop;
          }}
        />
      )}
      {(views ?? []).map((v) => (
        <ViewCommand key={v.id} id={v.id} name={v.name} />
      ))}
      <AssignDialog
        open={dialog === 'assign'}
        onOpenChange={(o) => setDialog(o ? 'assign' : null)}
        cases={targets}
        reference={reference}
      />
      <StatusDialog
        open={dialog === 'status'}
        onOpenChange={(o) => setDialog(o ? 'status' : null)}
        cases={targets}
        reference={reference}
      />
      <EscalateDialog
        open={dialog === 'escalate'}
        onOpenChange={(o) => setDialog(o ? 'escalate' : null)}
        kase={targets[0] ?? null}
        reference={reference}
      />
    </div>
  );
}

/** "View: Breached" in the command palette. */
function ViewCommand({ id, name }: { id: string; name: string }) {
  useAction({
    id: `queue.view.${id}`,
    label: `View: ${name}`,
    group: 'Queue views',
    run: () => {
      chooseView(id);
      navigate(path('queue'));
    },
  });
  return null;
}

function selectAll(ids: readonly string[]): RowSelectionState {
  const selected: RowSelectionState = {};
  for (const id of ids) selected[id] = true;
  return selected;
}

function queryKeyOf(query: QueueQuery): string {
  return JSON.stringify(query);
}
