/**
 * Where Settings reads policies and calendars from: the local case store, which the demo seeding fills with
 * the shipped presets and the editors write to; re-read after every write, in this window or another.
 */
import { use } from 'react';
import type { Policy } from '../../../shared/policies';
import { useCaseStore } from '../../case-store/case-store';
import { useStoreQuery } from '../../case-store/store-query';
import type { CaseStore } from '../../db';
import { loadCatalog } from '../../desk-settings/catalog';
import type { DeskRules } from './deadline-preview';

export type DeskRulesState =
  | { status: 'loading' }
  /** The store's rules, editable through `store`. */
  | { status: 'stored'; rules: DeskRules; store: CaseStore }
  /** The store could not open: the shipped presets, read-only, and why. */
  | { status: 'presets'; rules: DeskRules; problem: Error };

/**
 * The desk's policies and calendars as the store holds them, kept current. Suspends (render inside
 * <Suspense>) only to load the presets when the store failed to open.
 */
export function useDeskRules(year: number): DeskRulesState {
  const state = useCaseStore();
  const stored = useStoreQuery(
    async (store) => {
      const [policies, calendars] = await Promise.all([
        store.db.policies.toArray(),
        store.db.calendars.toArray(),
      ]);
      return { store, rules: { policies: policies.sort(byKind), calendars: calendars.sort(byName) } };
    },
    [],
    { tables: ['policies', 'calendars'] },
  );
  if (state.status === 'failed') {
    const { policies, calendars } = use(loadCatalog(year));
    return { status: 'presets', rules: { policies, calendars }, problem: state.problem };
  }
  if (stored === undefined || stored.store !== state.store) return { status: 'loading' };
  return { status: 'stored', rules: stored.rules, store: stored.store };
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

const KIND_ORDER: readonly Policy['caseKind'][] = ['query', 'complaint', 'escalation', 'formal-complaint'];

/** The presets' order (query, complaint, escalation, formal complaint), then by name. */
function byKind(a: Policy, b: Policy): number {
  return KIND_ORDER.indexOf(a.caseKind) - KIND_ORDER.indexOf(b.caseKind) || byName(a, b);
}
