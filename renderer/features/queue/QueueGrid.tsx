/**
 * The queue grid: an ARIA grid whose `aria-rowcount` is the number of cases in the view, with only the rows on
 * screen in the DOM (TanStack Virtual). TanStack Table (v9) owns the columns, the sort and the selection state;
 * the rows it is given are just those on screen, read by id from the store.
 */
import { type RowSelectionState, type SortingState, type Updater, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type Ref, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { DeskReference } from '../../case-kit/reference';
import type { CaseRow } from '../../db';
import { cx } from '../../ui/cx';
import { ChevronDownIcon } from '../../ui/icons';
import { queueColumns, queueFeatures } from './columns';
import { HEADER_HEIGHT, OVERSCAN, ROW_HEIGHT } from './grid-metrics';
import styles from './Queue.module.css';
import { type QueueSort, SORT_COLUMNS, type SortColumn } from './queue-data';
import { firstRowsPainted, useCaseRows } from './use-queue';

export interface QueueGridHandle {
  focus(): void;
  scrollToIndex(index: number): void;
}

export interface QueueGridProps {
  /** The view's ids in order; while the whole list loads, only the first screen's. */
  ids: readonly string[];
  /** How many cases the view holds (rows beyond `ids` show as placeholders until their ids arrive). */
  count: number;
  activeId: string | null;
  selected: RowSelectionState;
  sort: QueueSort;
  reference: DeskReference | undefined;
  initialScrollTop: number;
  label: string;
  busy: boolean;
  onActivate: (id: string) => void;
  onOpen: (id: string) => void;
  onSelectedChange: (selected: RowSelectionState) => void;
  onSortChange: (sort: QueueSort) => void;
  onScroll: (scrollTop: number) => void;
  ref?: Ref<QueueGridHandle>;
}

const isSortColumn = (id: string): id is SortColumn => (SORT_COLUMNS as readonly string[]).includes(id);

export function QueueGrid(props: QueueGridProps) {
  const { ids, activeId, selected, sort, reference } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const virtualizer = useVirtualizer({
    count: props.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: props.initialScrollTop,
    // Rows are keyed by their place, not their case: a new order or a scroll reuses the rows on screen and
    // changes their text, rather than building a screenful of new elements (half of a re-sort's style and layout).
    getItemKey: (index) => index,
    // Let React batch a scroll's re-render with the rows it reads, instead of forcing one per scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  // Stable handlers for the memoised rows; they call whatever the queue passed last.
  const handlers = useRef({ onActivate: props.onActivate, onOpen: props.onOpen });
  handlers.current = { onActivate: props.onActivate, onOpen: props.onOpen };
  const onActivate = useCallback((id: string) => handlers.current.onActivate(id), []);
  const onOpen = useCallback((id: string) => handlers.current.onOpen(id), []);
  const visibleIds = useMemo(() => items.flatMap((item) => ids[item.index] ?? []), [items, ids]);
  const rows = useCaseRows(visibleIds);
  const data = useMemo(() => visibleIds.flatMap((id) => rows.get(id) ?? []), [visibleIds, rows]);

  useImperativeHandle(
    props.ref,
    () => ({
      focus: () => tableRef.current?.focus({ preventScroll: true }),
      scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    }),
    [virtualizer],
  );

  const columns = useMemo(() => queueColumns(reference), [reference]);
  const sorting: SortingState = useMemo(() => [{ id: sort.column, desc: sort.desc }], [sort]);
  const table = useTable({
    features: queueFeatures,
    columns,
    data,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    enableRowSelection: true,
    state: { sorting, rowSelection: selected },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && isSortColumn(first.id)) props.onSortChange({ column: first.id, desc: first.desc });
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      props.onSelectedChange(typeof updater === 'function' ? updater(selected) : updater);
    },
  });
  const rowsById = table.getRowModel().rowsById;
  const painted = data.length > 0;
  useEffect(() => {
    if (!painted) return;
    firstRowsPainted();
    // The first rows on screen after a start, for the UI benchmark (once per page).
    if (performance.getEntriesByName('desk:queue-rows').length === 0) performance.mark('desk:queue-rows');
  }, [painted]);
  const [headerGroup] = table.getHeaderGroups();

  return (
    <div
      ref={scrollRef}
      className={styles.scroller}
      // The table inside is the one tab stop (Chromium makes scrollers focusable by themselves).
      tabIndex={-1}
      data-queue-grid=""
      onScroll={(event) => props.onScroll(event.currentTarget.scrollTop)}
    >
      <table
        ref={tableRef}
        className={styles.grid}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an interactive data grid (the WAI-ARIA grid pattern): the keyboard moves through its rows and acts on them.
        role="grid"
        aria-label={props.label}
        aria-rowcount={props.count}
        aria-colcount={columns.length}
        aria-multiselectable="true"
        aria-busy={props.busy || undefined}
        aria-activedescendant={
          activeId !== null && visibleIds.includes(activeId) ? rowDomId(activeId) : undefined
        }
        tabIndex={0}
        data-testid="queue-grid"
      >
        <thead className={styles.head}>
          <tr className={cx(styles.row, styles.headRow)}>
            {headerGroup?.headers.map((header) => {
              const column = header.column;
              if (column.id === 'select') {
                return (
                  <th key={header.id} className={cx(styles.cell, styles.selectCell)}>
                    <span className="visually-hidden">Selected</span>
                  </th>
                );
              }
              const sorted = column.getIsSorted();
              return (
                <th
                  key={header.id}
                  className={cx(styles.cell, styles[`col-${column.id}`])}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    className={cx(styles.sortButton, sorted && styles.sorted)}
                    onClick={column.getToggleSortingHandler()}
                    tabIndex={-1}
                    title={`Sort by ${String(column.columnDef.header)}`}
                  >
                    <table.FlexRender header={header} />
                    <ChevronDownIcon
                      size={12}
                      className={cx(
                        styles.sortIcon,
                        sorted === 'asc' && styles.sortAsc,
                        !sorted && styles.sortIdle,
                      )}
                    />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={styles.body} style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}>
          {items.map((item) => {
            const id = ids[item.index];
            const row = id === undefined ? undefined : rowsById[id];
            const top = item.start - HEADER_HEIGHT;
            if (id === undefined || !row) return <SkeletonRow key={item.key} index={item.index} top={top} />;
            return (
              <GridRow
                key={item.key}
                index={item.index}
                top={top}
                row={row}
                cells={row.getAllCells()}
                FlexRender={table.FlexRender}
                selected={selected[id] === true}
                active={id === activeId}
                onActivate={onActivate}
                onOpen={onOpen}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function rowDomId(caseId: string): string {
  return `queue-row-${caseId}`;
}

type QueueTable = ReturnType<typeof useTable<typeof queueFeatures, CaseRow>>;
type QueueRow = QueueTable['getRowModel'] extends () => { rows: (infer R)[] } ? R : never;

interface GridRowProps {
  index: number;
  top: number;
  row: QueueRow;
  /** The row's cells (TanStack keeps them while the row and the columns stay). */
  cells: ReturnType<QueueRow['getAllCells']>;
  FlexRender: QueueTable['FlexRender'];
  selected: boolean;
  active: boolean;
  onActivate: (id: string) => void;
  onOpen: (id: string) => void;
}

/**
 * One case's row, rendered again only when its case, place, selection or activity changes: a header click
 * re-renders the grid while the new order is read, and that render should not redraw a screen of rows.
 */
const GridRow = memo(function GridRow({
  index,
  top,
  row,
  cells,
  FlexRender,
  selected,
  active,
  onActivate,
  onOpen,
}: GridRowProps) {
  const kase = row.original;
  return (
    // The grid takes the keys (j/k, arrows, Enter, x) for the active row: a row is pointed at, not focused.
    <tr
      id={rowDomId(kase.id)}
      aria-rowindex={index + 1}
      aria-selected={selected}
      className={cx(styles.row, styles.dataRow, active && styles.active, selected && styles.selected)}
      style={{ transform: `translateY(${top}px)` }}
      data-sla={kase.slaState}
      data-case-id={kase.id}
      onClick={() => onActivate(kase.id)}
      onDoubleClick={() => onOpen(kase.id)}
    >
      {cells.map((cell) =>
        cell.column.id === 'select' ? (
          <td key={cell.column.id} className={cx(styles.cell, styles.selectCell)}>
            <input
              type="checkbox"
              tabIndex={-1}
              aria-label={`Select ${kase.ref}`}
              checked={selected}
              onChange={row.getToggleSelectedHandler()}
              onClick={(event) => event.stopPropagation()}
            />
          </td>
        ) : (
          <td key={cell.column.id} className={cx(styles.cell, styles[`col-${cell.column.id}`])}>
            <FlexRender cell={cell} />
          </td>
        ),
      )}
    </tr>
  );
});

function SkeletonRow({ index, top }: { index: number; top: number }) {
  return (
    <tr
      aria-rowindex={index + 1}
      className={cx(styles.row, styles.dataRow, styles.skeleton)}
      style={{ transform: `translateY(${top}px)` }}
    >
      <td className={styles.cell}>
        <span className={styles.skeletonBar} />
      </td>
    </tr>
  );
}
