/**
 * Editing a policy: its deadlines (time allowed, warning), when clocks pause, the escalation ladder's timing
 * (with the query ladder's day counting), and the intake notices (the escalation's urgent channel). Preview
 * shows which open cases' deadlines would move; Save stores the next version.
 */
import { useId, useState } from 'react';
import type { Policy } from '../../../shared/policies';
import type { DurationUnit } from '../../../shared/sla';
import { type CaseStore, savePolicy } from '../../db';
import { path } from '../../shell-services/router';
import { Field, fieldClasses, Select, TextArea, TextInput } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { type DeskRules, withEdited } from './deadline-preview';
import { statusLabel } from './describe';
import styles from './Editor.module.css';
import { DurationInput, FieldError } from './EditorParts';
import { EditorShell, useEditor } from './EditorShell';
import {
  type FieldErrors,
  PAUSABLE_STATUSES,
  type PolicyDraft,
  policyDraft,
  policyFromDraft,
  type WarningDraft,
} from './policy-draft';

const DAY_UNITS: readonly DurationUnit[] = ['working-days', 'calendar-days'];
/** A warning is counted back from the deadline: working days have no inverse (see shared/sla/duration). */
const WARNING_UNITS: readonly DurationUnit[] = [
  'calendar-minutes',
  'calendar-hours',
  'calendar-days',
  'working-minutes',
  'working-hours',
];

/** The escalation's urgent channels, which the intake notices name by placeholder. */
const URGENT_FIELDS = [
  { key: 'phone', label: 'Urgent phone number', placeholder: 'urgentPhone', type: 'tel' },
  { key: 'chatUrl', label: 'Live chat link', placeholder: 'urgentChat', type: 'url' },
] as const;

export function PolicyEditor({
  policy: stored,
  rules,
  store,
}: {
  /** The policy as stored now (it may change in another window while this one edits). */
  policy: Policy;
  rules: DeskRules;
  store: CaseStore;
}) {
  // The version this edit started from: a save names it, so a newer version saved elsewhere is never overwritten.
  const [policy] = useState(stored);
  const detail = path('settings', 'policies', policy.id);
  const editor = useEditor({
    start: () => policyDraft(policy),
    parse: (draft: PolicyDraft) => {
      const result = policyFromDraft(policy, draft);
      return result.ok ? { ok: true, edited: result.policy } : result;
    },
    rules,
    store,
    withEdited: (edited) => withEdited(rules, { policy: edited }),
    persist: (edited, onProgress) => savePolicy(store, edited, policy, { onProgress }),
    savedTitle: () => `Saved ${policy.name}, version ${policy.version + 1}`,
    detail,
  });
  const { draft, errors, change } = editor;
  const urgentContact = draft.urgentContact;

  return (
    <EditorShell
      editor={editor}
      trail={[
        { label: 'Policies', to: path('settings', 'policies') },
        { label: policy.name, to: detail },
        { label: 'Edit' },
      ]}
      title={
        <>
          Edit “{policy.name}” <span className={styles.version}>version {policy.version}</span>
        </>
      }
      intro={`Nothing changes until you save. First Desk shows which open cases' deadlines would move; saving stores this as version ${policy.version + 1}.`}
      conflict={
        stored.version !== policy.version
          ? `Version ${stored.version} of this policy was saved in another window while you were editing version ${policy.version}, so this edit cannot be saved. Discard it and edit the new version.`
          : null
      }
      saveLabel={`Save version ${policy.version + 1}`}
    >
      <Section level={3} title="Deadlines">
        {draft.targets.map((target, i) => (
          <TargetFields
            key={target.id}
            target={target}
            errors={errors}
            index={i}
            onChange={(next) =>
              change((d) => ({ ...d, targets: d.targets.map((t, j) => (j === i ? next : t)) }))
            }
          />
        ))}
      </Section>

      <Section
        level={3}
        title="Clocks pause while the case is"
        intro="Resolved and closed cases stop every clock anyway. Windows (such as a review window) never pause."
      >
        <div className={styles.checks}>
          {PAUSABLE_STATUSES.map((status) => (
            <label key={status} className={styles.check}>
              <input
                type="checkbox"
                checked={draft.pauseStatuses.includes(status)}
                onChange={(event) =>
                  change((d) => ({
                    ...d,
                    pauseStatuses: event.target.checked
                      ? [...d.pauseStatuses, status]
                      : d.pauseStatuses.filter((s) => s !== status),
                  }))
                }
              />
              {statusLabel(status)}
            </label>
          ))}
        </div>
        <FieldError error={errors.pauseStatuses} />
      </Section>

      {draft.ladder.length > 0 ? (
        <Section level={3} title="Escalation ladder" intro="When each step falls due.">
          <DayCounting draft={draft} onChange={change} />
          {draft.ladder.map((step, i) => (
            <div key={step.id} className={styles.step}>
              <DurationInput
                label={step.name}
                value={step.timing}
                suffix={step.from}
                error={errors[`ladder.${i}.timing`]}
                onChange={(timing) =>
                  change((d) => ({
                    ...d,
                    ladder: d.ladder.map((s, j) => (j === i ? { ...s, timing } : s)),
                  }))
                }
              />
            </div>
          ))}
        </Section>
      ) : null}

      {draft.notices.length > 0 ? (
        <Section
          level={3}
          title="Intake notices"
          intro="Shown at the top of the intake form, before the questions."
        >
          {draft.notices.map((notice, i) => (
            <NoticeField
              key={notice.id}
              id={notice.id}
              text={notice.text}
              error={errors[`notices.${i}`]}
              onChange={(text) =>
                change((d) => ({
                  ...d,
                  notices: d.notices.map((n, j) => (j === i ? { ...n, text } : n)),
                }))
              }
            />
          ))}
          {urgentContact !== null
            ? URGENT_FIELDS.map(({ key, label, placeholder, type }) => (
                <LineField
                  key={key}
                  label={label}
                  hint={`Notices and acknowledgements write it where they say {${placeholder}}.`}
                  type={type}
                  value={urgentContact[key]}
                  error={errors[`urgentContact.${key}`]}
                  onChange={(text) =>
                    change((d) => ({
                      ...d,
                      urgentContact: { phone: '', chatUrl: '', ...d.urgentContact, [key]: text },
                    }))
                  }
                />
              ))
            : null}
        </Section>
      ) : null}
    </EditorShell>
  );
}

type WarningType = WarningDraft['type'];

function TargetFields({
  target,
  index,
  errors,
  onChange,
}: {
  target: PolicyDraft['targets'][number];
  index: number;
  errors: FieldErrors;
  onChange: (target: PolicyDraft['targets'][number]) => void;
}) {
  const warningId = useId();
  const warningError = errors[`targets.${index}.warning`];
  const setWarningType = (type: WarningType) => {
    const warning: WarningDraft =
      type === 'none'
        ? { type }
        : type === 'percent'
          ? { type, percent: '75' }
          : { type, before: { amount: '2', unit: 'working-hours' } };
    onChange({ ...target, warning });
  };
  return (
    <fieldset className={styles.target}>
      <legend className={styles.targetName}>{target.name}</legend>
      <div className={styles.targetFields}>
        <DurationInput
          label={target.window ? 'Open for' : 'Time allowed'}
          value={target.duration}
          error={errors[`targets.${index}.duration`]}
          onChange={(duration) => onChange({ ...target, duration })}
        />
        {target.window ? (
          <p className={styles.note}>A window closes rather than breaching: it has no warning.</p>
        ) : (
          <div className={fieldClasses.field}>
            <label htmlFor={warningId} className={fieldClasses.label}>
              At risk
            </label>
            <div className={styles.inline}>
              <Select
                id={warningId}
                value={target.warning.type}
                onChange={(event) => setWarningType(event.target.value as WarningType)}
              >
                <option value="none">Never warns</option>
                <option value="percent">After a share of the time</option>
                <option value="before">A set time before the deadline</option>
              </Select>
              {target.warning.type === 'percent' ? (
                <PercentInput
                  value={target.warning.percent}
                  invalid={warningError !== undefined}
                  onChange={(percent) => onChange({ ...target, warning: { type: 'percent', percent } })}
                />
              ) : null}
            </div>
            {target.warning.type === 'before' ? (
              <DurationInput
                label="Warn this long before"
                units={WARNING_UNITS}
                value={target.warning.before}
                error={warningError}
                onChange={(before) => onChange({ ...target, warning: { type: 'before', before } })}
              />
            ) : (
              <FieldError error={warningError} />
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}

function PercentInput({
  value,
  invalid,
  onChange,
}: {
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <span className={styles.inline}>
      <TextInput
        className={styles.amount}
        inputMode="decimal"
        aria-label="Share of the time used, in per cent"
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <span aria-hidden="true">%</span>
    </span>
  );
}

/** The query ladder's "day counting": every step counted in working days, or in calendar days. */
function DayCounting({
  draft,
  onChange,
}: {
  draft: PolicyDraft;
  onChange: (update: (draft: PolicyDraft) => PolicyDraft) => void;
}) {
  const id = useId();
  const dayUnits = draft.ladder.map((s) => s.timing.unit).filter((u) => DAY_UNITS.includes(u));
  if (dayUnits.length === 0) return null;
  const counting = dayUnits.every((u) => u === dayUnits[0]) ? dayUnits[0]! : 'mixed';
  return (
    <div className={fieldClasses.field}>
      <label htmlFor={id} className={fieldClasses.label}>
        Day counting
      </label>
      <Select
        id={id}
        className={styles.wide}
        value={counting}
        onChange={(event) => {
          const unit = event.target.value as DurationUnit;
          onChange((d) => ({
            ...d,
            ladder: d.ladder.map((s) =>
              DAY_UNITS.includes(s.timing.unit) ? { ...s, timing: { ...s.timing, unit } } : s,
            ),
          }));
        }}
      >
        <option value="working-days">Working days: close of business, skipping weekends and holidays</option>
        <option value="calendar-days">Calendar days: the same time of day, every day counted</option>
        {counting === 'mixed' ? (
          <option value="mixed" disabled>
            Mixed: set each step below
          </option>
        ) : null}
      </Select>
    </div>
  );
}

function LineField({
  label,
  hint,
  type,
  value,
  error,
  onChange,
}: {
  label: string;
  hint: string;
  type: 'tel' | 'url';
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} hint={hint} error={error ?? null}>
      {(control) => (
        <TextInput
          {...control}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function NoticeField({
  id,
  text,
  error,
  onChange,
}: {
  id: string;
  text: string;
  error: string | undefined;
  onChange: (text: string) => void;
}) {
  return (
    <Field
      label={statusLabel(id)}
      hint={
        id === 'not-for-emergencies'
          ? 'Say where to get urgent help now: {urgentPhone} and {urgentChat} are the phone number and live chat below.'
          : 'Shown as written to the person logging the case.'
      }
      error={error ?? null}
    >
      {(control) => (
        <TextArea {...control} rows={3} value={text} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}
