/** The intake form's state: the draft kept per kind, and the warning when a formal complaint names staff. */
import { type Dispatch, type SetStateAction, useEffect, useMemo, useState } from 'react';
import { type CaseKind, findStaffNames, redactStaffNames } from '../../../shared/domain';
import type { Policy } from '../../../shared/policies';
import type { DeskReference } from '../../case-kit/reference';
import { StaffNamesWarning } from '../../case-kit/StaffNamesWarning';
import { caseQuestions, emptyValues, type IntakeValues, ownerRequired } from './intake-form';

/** Drafts by kind: switching forms or leaving the page loses nothing typed. */
const drafts = new Map<CaseKind, IntakeValues>();

export function forgetDraft(kind: CaseKind): void {
  drafts.delete(kind);
}

/** The form's values for this kind, kept as they are typed; a new draft gets its stage and owner once known. */
export function useIntakeDraft(
  kind: CaseKind,
  policy: Policy | undefined,
  actorId: string | null,
): [IntakeValues, Dispatch<SetStateAction<IntakeValues>>] {
  const [values, setValues] = useState<IntakeValues>(() => drafts.get(kind) ?? emptyValues(undefined));
  // The policy arrives after the first render: give a new draft its stage then.
  useEffect(() => {
    if (policy) setValues((v) => (v.stage === '' ? { ...v, stage: emptyValues(policy).stage } : v));
  }, [policy]);
  useEffect(() => {
    drafts.set(kind, values);
  }, [kind, values]);
  useEffect(() => {
    if (ownerRequired(kind) && values.ownerId === '' && actorId)
      setValues((v) => ({ ...v, ownerId: actorId }));
  }, [kind, actorId, values.ownerId]);
  return [values, setValues];
}

/**
 * Where the policy asks for no staff names (the formal complaint's first contact): the warning, and the question
 * it stands under (the first answer that names someone, or the first question if only the subject does).
 */
export function useStaffNamesWarning(
  policy: Policy | undefined,
  reference: DeskReference | undefined,
  values: IntakeValues,
  setValues: Dispatch<SetStateAction<IntakeValues>>,
) {
  const staffNames = useMemo(() => (reference?.directory ?? []).map((p) => p.name), [reference]);
  const textsToCheck = [values.subject, ...Object.values(values.answers)];
  const mentions = policy?.intake.noStaffNames ? findStaffNames(textsToCheck, staffNames) : [];
  const redact = () => {
    setValues((v) => ({
      ...v,
      subject: redactStaffNames(v.subject, staffNames),
      answers: Object.fromEntries(
        Object.entries(v.answers).map(([id, text]) => [id, redactStaffNames(text, staffNames)]),
      ),
    }));
  };

  const questionIds = caseQuestions(policy).map((f) => f.id);
  const warnAfter =
    mentions.length === 0
      ? null
      : (questionIds.find((id) => findStaffNames([values.answers[id] ?? ''], staffNames).length > 0) ??
        questionIds[0] ??
        null);
  const staffWarning =
    mentions.length > 0 ? (
      <StaffNamesWarning
        mentions={mentions}
        why="The first contact of a formal complaint is handled in confidence and should not name members of staff."
        onRedact={redact}
      />
    ) : null;
  return { warnAfter, staffWarning };
}
