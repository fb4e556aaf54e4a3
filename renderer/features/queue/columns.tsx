/**
 * The queue's columns (TanStack Table v9 definitions). Sorting is manual: a header click changes the queue's
 * sort, and the ids come back in that order from queue-data.ts.
 */
import {
  createColumnHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { Countdown } from '../../case-kit/Countdown';
import { LockIcon } from '../../case-kit/icons';
import { KIND_LABELS, LEVEL_LABELS, PRIORITY_LABELS, STATUS_LABELS, stageLabel } from '../../case-kit/labels';
import type { DeskReference } from '../../case-kit/reference';
import type { CaseRow } from '../../db';
import { linkTo, path } from '../../shell-services/router';
import { cx } from '../../ui/cx';
import { SlaBadge } from '../../ui/SlaBadge';
import styles from './Queue.module.css';
import type { SortColumn } from './queue-data';

export const queueFeatures = tableFeatures({ rowSortingFeature, rowSelectionFeature });

const helper = createColumnHelper<typeof queueFeatures, CaseRow>();

/** Shorter words where the grid is narrow; the case view uses the full ones. */
const SHORT_KIND: Partial<Record<CaseRow['kind'], string>> = { 'formal-complaint': 'Formal' };
const SHORT_STAGE: Readonly<Record<string, string>> = {
  informal: 'Informal',
  formal: 'Formal',
  'hod-review': 'HoD review',
  external: 'External',
};
const SHORT_STATUS: Partial<Record<CaseRow['status'], string>> = {
  'pending-requester': 'Waiting: requester',
  'pending-third-party': 'Waiting: 3rd party',
};

export function queueColumns(reference: DeskReference | undefined) {
  const nameOf = (id: string | null) => (id === null ? null : (reference?.people.get(id)?.name ?? id));
  return helper.columns([
    helper.display({ id: 'select', header: 'Select', enableSorting: false }),
    helper.accessor('ref', {
      id: 'ref' satisfies SortColumn,
      header: 'Ref',
      cell: (info) => (
        <a {...linkTo(path('queue', info.row.original.id))} className={styles.ref} tabIndex={-1}>
          {info.getValue()}
        </a>
      ),
    }),
    helper.accessor('subject', {
      id: 'subject' satisfies SortColumn,
      header: 'Subject',
      cell: (info) => (
        <span className={styles.subject} title={info.getValue()}>
          {info.row.original.confidential ? (
            <LockIcon size={12} className={styles.lock} label="Confidential" />
          ) : null}
          {/* Its own box: a flex row (the lock beside it) does not cut text with an ellipsis. */}
          <span className={styles.subjectText}>{info.getValue()}</span>
        </span>
      ),
    }),
    helper.accessor((row) => row.requester.name, {
      id: 'requester' satisfies SortColumn,
      header: 'Requester',
      cell: (info) => <span className={styles.clip}>{info.getValue()}</span>,
    }),
    helper.accessor('kind', {
      id: 'kind' satisfies SortColumn,
      header: 'Kind',
      cell: (info) => (
        <span
          className={cx(styles.kind, styles[`kind-${info.getValue()}`])}
          title={KIND_LABELS[info.getValue()]}
        >
          {SHORT_KIND[info.getValue()] ?? KIND_LABELS[info.getValue()]}
        </span>
      ),
    }),
    helper.accessor('status', {
      id: 'status' satisfies SortColumn,
      header: 'Status',
      cell: (info) => (
        <span className={cx(styles.status, styles[`status-${info.getValue()}`])}>
          {SHORT_STATUS[info.getValue()] ?? STATUS_LABELS[info.getValue()]}
        </span>
      ),
    }),
    helper.accessor('priority', {
      id: 'priority' satisfies SortColumn,
      header: 'Priority',
      sortDescFirst: true,
      cell: (info) => (
        <span className={cx(styles.priority, styles[`priority-${info.getValue()}`])}>
          {PRIORITY_LABELS[info.getValue()]}
        </span>
      ),
    }),
    helper.accessor('assigneeId', {
      id: 'owner' satisfies SortColumn,
      header: 'Owner',
      cell: (info) => {
        const name = nameOf(info.getValue() ?? info.row.original.ownerId);
        return name ? (
          <span className={styles.clip}>{name}</span>
        ) : (
          <span className={styles.muted}>Unassigned</span>
        );
      },
    }),
    helper.accessor('escalationLevel', {
      id: 'level' satisfies SortColumn,
      header: 'Level',
      sortDescFirst: true,
      cell: (info) => (
        <span className={cx(styles.level, styles[`level-${info.getValue()}`])}>
          {LEVEL_LABELS[info.getValue()]}
        </span>
      ),
    }),
    helper.accessor('stage', {
      id: 'stage' satisfies SortColumn,
      header: 'Stage',
      cell: (info) => {
        const stage = info.getValue();
        return stage === null ? (
          <span className={styles.muted}>—</span>
        ) : (
          <span className={styles.clip} title={stageLabel(stage, reference?.policyFor(info.row.original))}>
            {SHORT_STAGE[stage] ?? stageLabel(stage, reference?.policyFor(info.row.original))}
          </span>
        );
      },
    }),
    helper.accessor((row) => row.sla.dueAt, {
      id: 'deadline' satisfies SortColumn,
      header: 'Next deadline',
      cell: (info) => (
        <Countdown
          dueAt={info.getValue()}
          state={info.row.original.slaState}
          calendar={reference?.calendarFor(info.row.original)}
          working={info.row.original.sla.dueWorking ?? true}
        />
      ),
    }),
    helper.accessor('slaState', {
      id: 'sla' satisfies SortColumn,
      header: 'SLA',
      cell: (info) => {
        const state = info.getValue();
        return state === 'none' ? (
          <span className={styles.muted}>No clock</span>
        ) : (
          <SlaBadge tone={state} compact />
        );
      },
    }),
  ]);
}
