/**
 * Refinements on top of the saved view: assignee (me, unassigned, a person), team, kind, status, stage,
 * escalation level, SLA state, and whether finished cases show. "Any" lifts a criterion, even the view's own.
 */
import { type ChangeEvent, memo, type ReactNode } from 'react';
import {
  CASE_KINDS,
  CASE_SLA_STATES,
  CASE_STATUSES,
  type CaseKind,
  type CaseSlaState,
  type CaseStatus,
  ESCALATION_LEVELS,
  type EscalationLevel,
} from '../../../shared/domain';
import type { CaseFilter } from '../../../shared/sync';
import { KIND_LABELS, LEVEL_LABELS, SLA_LABELS, STATUS_LABELS } from '../../case-kit/labels';
import type { DeskReference } from '../../case-kit/reference';
import { cx } from '../../ui/cx';
import styles from './Queue.module.css';
import { type AssigneeChoice, setQueueUi, useQueueUi, withAssignee } from './queue-state';

const ANY = '';

function pick<T extends string | number>(values: readonly T[], raw: string): T | undefined {
  return values.find((v) => String(v) === raw);
}

function Filters({ filter, reference, actorId }: FilterBarProps) {
  const refine = useQueueUi((s) => s.refine);
  const set = (patch: CaseFilter) => setQueueUi({ refine: { ...refine, ...patch }, activeId: null });
  const refined = Object.keys(refine).length > 0;

  const assignee = filter.mine ? 'me' : filter.unassigned ? 'unassigned' : (filter.assigneeId ?? ANY);
  const onAssignee = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    const choice: AssigneeChoice =
      value === ANY ? 'anyone' : value === 'me' || value === 'unassigned' ? value : { personId: value };
    const next = withAssignee(refine, choice);
    // "Anyone" must also lift the view's own assignee criterion.
    if (choice === 'anyone')
      Object.assign(next, { mine: undefined, unassigned: undefined, assigneeId: undefined });
    setQueueUi({ refine: next, activeId: null });
  };

  const stages = new Map<string, string>();
  for (const policy of reference?.policies ?? [])
    for (const stage of policy.stages) stages.set(stage.id, stage.name);
  const teams = [...(reference?.teams.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <fieldset className={styles.filters}>
      <legend className="visually-hidden">Filters</legend>
      <Filter label="Assignee" value={assignee} active={assignee !== ANY} onChange={onAssignee}>
        <option value={ANY}>Anyone</option>
        <option value="me" disabled={actorId === null}>
          Me
        </option>
        <option value="unassigned">Unassigned</option>
        {(reference?.directory ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Filter>
      <Filter
        label="Team"
        value={filter.teamId ?? ANY}
        active={filter.teamId !== undefined}
        onChange={(e) => set({ teamId: e.target.value || undefined })}
      >
        <option value={ANY}>Any team</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Filter>
      <Filter
        label="Kind"
        value={filter.kind ?? ANY}
        active={filter.kind !== undefined}
        onChange={(e) => set({ kind: pick<CaseKind>(CASE_KINDS, e.target.value) })}
      >
        <option value={ANY}>Any kind</option>
        {CASE_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </Filter>
      <Filter
        label="Status"
        value={filter.status ?? ANY}
        active={filter.status !== undefined}
        onChange={(e) => set({ status: pick<CaseStatus>(CASE_STATUSES, e.target.value) })}
      >
        <option value={ANY}>Any status</option>
        {CASE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </Filter>
      <Filter
        label="Stage"
        value={filter.stage ?? ANY}
        active={filter.stage !== undefined}
        onChange={(e) => set({ stage: e.target.value || undefined })}
      >
        <option value={ANY}>Any stage</option>
        {[...stages].map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </Filter>
      <Filter
        label="Level"
        value={filter.level === undefined ? ANY : String(filter.level)}
        active={filter.level !== undefined}
        onChange={(e) => set({ level: pick<EscalationLevel>(ESCALATION_LEVELS, e.target.value) })}
      >
        <option value={ANY}>Any level</option>
        {ESCALATION_LEVELS.map((l) => (
          <option key={l} value={String(l)}>
            {LEVEL_LABELS[l]}
          </option>
        ))}
      </Filter>
      <Filter
        label="SLA"
        value={filter.sla ?? ANY}
        active={filter.sla !== undefined}
        onChange={(e) => set({ sla: pick<CaseSlaState>(CASE_SLA_STATES, e.target.value) })}
      >
        <option value={ANY}>Any SLA state</option>
        {CASE_SLA_STATES.map((s) => (
          <option key={s} value={s}>
            {SLA_LABELS[s]}
          </option>
        ))}
      </Filter>
      <label className={styles.finished}>
        <input
          type="checkbox"
          checked={filter.includeFinished === true}
          onChange={(e) => set({ includeFinished: e.target.checked ? true : undefined })}
        />
        Resolved and closed too
      </label>
      {refined ? (
        <button
          type="button"
          className={styles.clearFilters}
          onClick={() => setQueueUi({ refine: {}, activeId: null })}
        >
          Clear filters
        </button>
      ) : null}
    </fieldset>
  );
}

interface FilterBarProps {
  filter: CaseFilter;
  reference: DeskReference | undefined;
  actorId: string | null;
}

/**
 * Drawn again only when the filter, the directory or the person changes: the queue re-renders at every search
 * and order, and the bar's lists (every person of the directory) need not be built again for those.
 */
export const FilterBar = memo(
  Filters,
  (a: FilterBarProps, b: FilterBarProps) =>
    a.reference === b.reference &&
    a.actorId === b.actorId &&
    JSON.stringify(a.filter) === JSON.stringify(b.filter),
);

function Filter({
  label,
  value,
  active,
  onChange,
  children,
}: {
  label: string;
  value: string;
  active: boolean;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  children: ReactNode;
}) {
  return (
    <label className={cx(styles.filter, active && styles.filterActive)}>
      <span className={styles.filterLabel}>{label}</span>
      <select className={styles.filterSelect} value={value} onChange={onChange}>
        {children}
      </select>
    </label>
  );
}
