/**
 * Who gets which part of the fortnightly outstanding-cases report. The job's `notify` roles (the service desk
 * manager) get all of it; its `escalateTo` roles are read as the procedure says: each line manager gets the
 * section of their team's outstanding cases, each divisional director the overview of their division.
 */
import type { NotifyRole } from '../domain/vocabulary';
import { type Directory, recipientsFor } from '../notify/recipients';
import {
  type OutstandingCase,
  type OutstandingGroup,
  type OutstandingHeader,
  type OutstandingReport,
  outstandingModel,
} from './outstanding';

/** All of the report, or the groups of some line managers (with their cases) and divisions (the overview). */
export type OutstandingScope =
  | { kind: 'all' }
  | { kind: 'part'; lineManagerIds: string[]; divisions: string[] };

export interface ReportRecipient {
  personId: string;
  scope: OutstandingScope;
}

/** The roles a report job names: who gets it all, and who it escalates each case to. */
export interface ReportAudience {
  notify: readonly NotifyRole[];
  escalateTo: readonly NotifyRole[];
}

/**
 * Each person the report goes to, once, with their part. A line manager or director with no outstanding case
 * in their groups gets nothing; cases nobody owns have no line manager and stay with the whole report's readers.
 * Roles that need a case (owner, assignee) name nobody for a desk-wide report.
 */
export function reportRecipients(
  groups: readonly OutstandingGroup[],
  audience: ReportAudience,
  directory: Directory,
): ReportRecipient[] {
  const active = new Map(directory.people.filter((p) => p.active).map((p) => [p.id, p]));
  const found = new Map<string, ReportRecipient>();
  const whole = (personId: string) => found.set(personId, { personId, scope: { kind: 'all' } });
  const part = (personId: string, add: { lineManagerId?: string; division?: string }) => {
    let recipient = found.get(personId);
    if (recipient === undefined) {
      recipient = { personId, scope: { kind: 'part', lineManagerIds: [], divisions: [] } };
      found.set(personId, recipient);
    }
    const { scope } = recipient;
    if (scope.kind === 'all') return;
    if (add.lineManagerId !== undefined && !scope.lineManagerIds.includes(add.lineManagerId))
      scope.lineManagerIds.push(add.lineManagerId);
    if (add.division !== undefined && !scope.divisions.includes(add.division))
      scope.divisions.push(add.division);
  };

  for (const { personId } of recipientsFor(audience.notify, null, directory)) whole(personId);
  for (const role of audience.escalateTo) {
    if (role === 'line-manager') {
      for (const group of groups)
        if (group.lineManagerId !== null && active.has(group.lineManagerId))
          part(group.lineManagerId, { lineManagerId: group.lineManagerId });
    } else if (role === 'director') {
      const divisions = new Set(groups.map((g) => g.division).filter((d) => d !== null));
      for (const division of divisions)
        for (const person of active.values())
          if (person.role === 'director' && person.division === division) part(person.id, { division });
    } else if (role !== 'owner' && role !== 'assignee') {
      for (const { personId } of recipientsFor([role], null, directory))
        if (found.get(personId)?.scope.kind !== 'all') whole(personId);
    }
  }
  return [...found.values()];
}

/** The groups of a scope: a line manager's own groups, a director's division's groups. */
export function groupsInScope(
  groups: readonly OutstandingGroup[],
  scope: OutstandingScope,
): OutstandingGroup[] {
  if (scope.kind === 'all') return [...groups];
  return groups.filter(
    (g) =>
      (g.lineManagerId !== null && scope.lineManagerIds.includes(g.lineManagerId)) ||
      (g.division !== null && scope.divisions.includes(g.division)),
  );
}

/**
 * The groups with only the cases `keep` lets through, their counts made again and emptied groups dropped: a
 * report, or a stored run of it, as one person may see it (shared/access decides who sees a confidential case).
 */
export function groupsSeenBy(
  groups: readonly OutstandingGroup[],
  keep: (kase: OutstandingCase) => boolean,
): OutstandingGroup[] {
  const seen: OutstandingGroup[] = [];
  for (const group of groups) {
    const cases = group.cases.filter(keep);
    if (cases.length === group.cases.length) {
      seen.push(group);
      continue;
    }
    if (cases.length === 0) continue;
    const byLevel: Record<0 | 1 | 2, number> = { 0: 0, 1: 0, 2: 0 };
    for (const kase of cases) byLevel[kase.level]++;
    seen.push({ ...group, cases, byLevel, overdue: cases.filter((c) => c.overdue).length });
  }
  return seen;
}

/** The report as one recipient gets it: a line manager their teams' cases, a director their division's overview. */
export function scopedOutstanding(
  groups: readonly OutstandingGroup[],
  scope: OutstandingScope,
  header: OutstandingHeader,
): OutstandingReport {
  if (scope.kind === 'all') return outstandingModel(groups, header);
  const title =
    scope.lineManagerIds.length > 0
      ? 'Outstanding cases: your teams'
      : `Outstanding cases: ${scope.divisions.join(', ')} overview`;
  return outstandingModel(groupsInScope(groups, scope), {
    ...header,
    title,
    summaryOnly: scope.lineManagerIds.length === 0,
  });
}
