/**
 * Move a staged case on (informal → formal → Head of Department review → external), asking for what the next
 * stage needs from the policy's intake, or refer a case outside the desk (the ICO, the Proctors, the Registrar)
 * by the routes its policy and the requester's affiliation allow.
 */
import { useEffect, useMemo, useState } from 'react';
import { findStaffNames, redactStaffNames } from '../../../shared/domain';
import { stageOwnerFor } from '../../../shared/notify';
import { referralsOffered } from '../../../shared/policies';
import { intakeValue } from '../../../shared/sync';
import { type DialogOpenProps, FormDialog, useFormDialog } from '../../case-kit/FormDialog';
import { Choices } from '../../case-kit/forms';
import styles from '../../case-kit/forms.module.css';
import { IntakeFieldInput } from '../../case-kit/IntakeFieldInput';
import { stageLabel } from '../../case-kit/labels';
import type { DeskReference } from '../../case-kit/reference';
import { StaffNamesWarning } from '../../case-kit/StaffNamesWarning';
import { useChange } from '../../case-store/changes';
import type { CaseRow } from '../../db';
import { notify } from '../../shell-services/toasts';
import { Field, TextInput } from '../../ui/Field';

export function StageDialog({
  open,
  onOpenChange,
  kase,
  reference,
}: DialogOpenProps & {
  kase: CaseRow;
  reference: DeskReference | undefined;
}) {
  const change = useChange();
  const policy = reference?.policyFor(kase);
  const stages = policy?.stages ?? [];
  const current = kase.stage === null ? -1 : stages.findIndex((s) => s.id === kase.stage);
  const ahead = stages.slice(current + 1);
  const [to, setTo] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [route, setRoute] = useState<string | null>(null);
  const [externalRef, setExternalRef] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const target = stages.find((s) => s.id === to);
  const affiliation = kase.requester.affiliation;
  // A stage outside the desk, or a policy without stages that can refer (a complaint to the ICO); the route for
  // the requester's affiliation first.
  const routes = [
    ...(target?.externalRoutes ??
      (stages.length === 0 && policy !== undefined ? referralsOffered(policy, kase) : [])),
  ].sort((a, b) => Number(b.affiliation === affiliation) - Number(a.affiliation === affiliation));
  const referring = routes.length > 0;
  const byAffiliation = routes.some((r) => r.affiliation !== undefined);

  // A stage its policy gives an owner (the Head of Department review): who that is for this case.
  const stageOwnerId =
    reference === undefined
      ? null
      : stageOwnerFor(target, kase, { people: reference.directory, teams: [...reference.teams.values()] });
  const stageOwner = stageOwnerId === null ? undefined : reference?.people.get(stageOwnerId);

  // The formal complaint's statement must not name staff: checked again when the case moves on, as at intake.
  const staffNames = useMemo(() => (reference?.directory ?? []).map((p) => p.name), [reference]);
  const mentions =
    policy?.intake.noStaffNames && to !== null && !referring
      ? findStaffNames(Object.values(answers), staffNames)
      : [];
  const redact = () =>
    setAnswers((a) =>
      Object.fromEntries(Object.entries(a).map(([id, text]) => [id, redactStaffNames(text, staffNames)])),
    );

  const routeKey = routes.map((r) => r.body).join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `routeKey` is `routes` as a value.
  useEffect(() => {
    // With routes by affiliation and none known, nothing is chosen for the agent: they ask first.
    const fallback = byAffiliation ? null : (routes[0]?.body ?? null);
    setRoute(routes.find((r) => r.affiliation === affiliation)?.body ?? fallback);
  }, [routeKey, affiliation]);

  const form = useFormDialog({
    open,
    reset: () => {
      setTo(ahead[0]?.id ?? null);
      setAnswers(
        Object.fromEntries((policy?.intake.fields ?? []).map((f) => [f.id, intakeValue(kase, f.id)])),
      );
      setExternalRef('');
      setErrors({});
    },
    submit: async () => {
      if (referring) {
        if (route === null) {
          setErrors({ route: 'Choose where the case goes.' });
          return;
        }
        const outcome = await change('recordExternalReferral', {
          caseId: kase.id,
          body: route,
          ...(externalRef.trim() ? { reference: externalRef.trim() } : {}),
        });
        if (!outcome.ok) return outcome.failure.message;
        notify({ tone: 'success', title: `${kase.ref} referred to ${route}` });
        onOpenChange(false);
        return;
      }
      if (to === null) return;
      const fields = Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim() !== ''));
      const outcome = await change('changeStage', {
        caseId: kase.id,
        to,
        fields,
        ...(stageOwnerId === null ? {} : { ownerId: stageOwnerId }),
      });
      if (!outcome.ok) {
        setErrors({ ...outcome.failure.fields });
        return outcome.failure.message;
      }
      notify({ tone: 'success', title: `${kase.ref} moved to ${stageLabel(to, policy)}` });
      onOpenChange(false);
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={stages.length === 0 ? `Refer ${kase.ref} outside the desk` : `Move ${kase.ref} to another stage`}
      width="md"
      form={form}
      label="Stage"
      submitLabel={referring ? 'Refer' : 'Move stage'}
      canSubmit={referring || to !== null}
    >
      {stages.length > 0 ? (
        ahead.length === 0 ? (
          <p>{kase.ref} is at its policy's last stage.</p>
        ) : (
          <Choices
            legend={`Now: ${stageLabel(kase.stage, policy)}. Move to`}
            name="stage"
            value={to}
            onChange={setTo}
            choices={ahead.map((s) => ({
              value: s.id,
              label: s.name,
              ...(s.description ? { hint: s.description } : {}),
            }))}
          />
        )
      ) : null}
      {referring ? (
        <>
          {byAffiliation && affiliation === undefined ? (
            <p className={styles.lead} role="note">
              The requester's affiliation is not known, so no route comes first: ask whether they are a
              student or staff, and record it on the case.
            </p>
          ) : null}
          <Choices
            legend="Refer to"
            name="route"
            value={route}
            onChange={setRoute}
            error={errors.route}
            choices={routes.map((r) => ({
              value: r.body,
              label: r.body,
              ...(r.description || r.affiliation
                ? {
                    hint: [r.affiliation ? `For ${r.affiliation} requesters.` : '', r.description ?? ''].join(
                      ' ',
                    ),
                  }
                : {}),
            }))}
          />
          <Field label="Their reference (optional)">
            {(control) => (
              <TextInput {...control} value={externalRef} onChange={(e) => setExternalRef(e.target.value)} />
            )}
          </Field>
        </>
      ) : to !== null ? (
        <>
          <p className={styles.lead}>What the {stageLabel(to, policy).toLowerCase()} stage needs:</p>
          {(policy?.intake.fields ?? []).map((field) => (
            <IntakeFieldInput
              key={field.id}
              field={field}
              value={answers[field.id] ?? ''}
              onChange={(value) => setAnswers((a) => ({ ...a, [field.id]: value }))}
              error={errors[field.id]}
            />
          ))}
          {mentions.length > 0 ? (
            <StaffNamesWarning
              mentions={mentions}
              why="A formal complaint is handled in confidence and its statement should not name members of staff."
              onRedact={redact}
            />
          ) : null}
          {target?.ownedBy !== undefined ? (
            <p className={styles.lead}>
              {stageOwner
                ? `${stageOwner.name} (${stageOwner.division ?? 'the desk'}) will own the ${target.name.toLowerCase()} and is told at once.`
                : `Nobody in the directory can own the ${target.name.toLowerCase()} for this case: the owner stays as it is.`}
            </p>
          ) : null}
        </>
      ) : null}
    </FormDialog>
  );
}
