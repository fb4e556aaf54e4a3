/**
 * Escalate an existing ticket: a new escalation case linked to it, with the reason (the service level, or an
 * operational impact), what the requester needs, and its one designated owner. The escalation policy's
 * "not for emergencies" notice is shown first, with its urgent-channel text.
 */
import { useState } from 'react';
import type { Channel } from '../../shared/domain';
import type { EscalationReason } from '../../shared/sync';
import { type DialogOpenProps, FormDialog, useFormDialog } from '../case-kit/FormDialog';
import { Choices, FormRow } from '../case-kit/forms';
import { PersonOptions } from '../case-kit/PersonOptions';
import { PolicyNotices } from '../case-kit/PolicyNotices';
import type { DeskReference } from '../case-kit/reference';
import { useActorId } from '../case-store/case-store';
import { useChange } from '../case-store/changes';
import type { CaseRow } from '../db';
import { navigate, path } from '../shell-services/router';
import { notify } from '../shell-services/toasts';
import { Field, Select, TextArea } from '../ui/Field';

const REASONS: readonly { value: EscalationReason; label: string }[] = [
  { value: 'service-level', label: 'The level or speed of service falls short of the service level targets' },
  { value: 'operational-impact', label: 'There is a tangible adverse impact on operations' },
];

export const REQUEST_CHANNELS: readonly { value: Channel; label: string }[] = [
  { value: 'phone', label: 'Phone' },
  { value: 'in-person', label: 'Walk-in' },
  { value: 'email', label: 'Email' },
  { value: 'chat', label: 'Live chat' },
];

export function channelOf(value: string): Channel {
  return REQUEST_CHANNELS.find((c) => c.value === value)?.value ?? 'phone';
}

export function EscalateDialog({
  open,
  onOpenChange,
  kase,
  reference,
}: DialogOpenProps & {
  kase: CaseRow | null;
  reference: DeskReference | undefined;
}) {
  const change = useChange();
  const me = useActorId();
  const policy = reference?.policyForKind('escalation');
  const [reason, setReason] = useState<EscalationReason | null>(null);
  const [details, setDetails] = useState('');
  const [owner, setOwner] = useState('');
  const [channel, setChannel] = useState<Channel>('phone');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const options = policy?.intake.fields.find((f) => f.id === 'grounds')?.options;
  const reasons = options
    ? REASONS.map((r) => ({ ...r, label: options.find((o) => o.value === r.value)?.label ?? r.label }))
    : REASONS;

  const form = useFormDialog({
    open,
    reset: () => {
      setReason(null);
      setDetails('');
      setOwner(kase?.ownerId ?? me ?? '');
      setChannel('phone');
      setErrors({});
    },
    resetOn: [kase, me],
    submit: async () => {
      if (kase === null) return;
      const missing: Record<string, string> = {};
      if (reason === null) missing.reason = 'Choose why the ticket is escalated.';
      if (details.trim() === '') missing.details = 'Say what has gone wrong and what the requester needs.';
      if (owner === '') missing.ownerId = 'An escalation needs a designated owner.';
      setErrors(missing);
      if (Object.keys(missing).length > 0 || reason === null) return;
      const outcome = await change('escalate', { caseId: kase.id, reason, details, ownerId: owner, channel });
      if (!outcome.ok) {
        setErrors({ ...outcome.failure.fields });
        return outcome.failure.message;
      }
      const escalation = outcome.result.cases.find((c) => c.kind === 'escalation');
      notify({
        tone: 'success',
        title: `Escalation ${escalation?.ref ?? ''} raised`,
        description: `Linked to ${kase.ref}; owned by ${reference?.people.get(owner)?.name ?? 'its owner'}.`,
      });
      onOpenChange(false);
      if (escalation) navigate(path('queue', escalation.id));
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Escalate ${kase?.ref ?? ''}`}
      width="md"
      form={form}
      label="Escalate"
      submitLabel="Raise escalation"
    >
      <PolicyNotices policy={policy} />
      <p>
        Raises a new escalation case linked to <strong>{kase?.ref}</strong>
        {kase ? ` (${kase.subject})` : ''}. It is acknowledged, has one designated owner until it is resolved,
        and the requester gets regular updates.
      </p>
      <Choices
        legend="Why is it escalated?"
        name="escalation-reason"
        choices={reasons}
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
      <Field label="What has gone wrong, and what does the requester need?" error={errors.details ?? null}>
        {(control) => (
          <TextArea {...control} rows={3} value={details} onChange={(e) => setDetails(e.target.value)} />
        )}
      </Field>
      <FormRow>
        <Field label="Designated owner" error={errors.ownerId ?? null}>
          {(control) => (
            <Select {...control} value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">Choose the owner…</option>
              <PersonOptions people={reference?.directory ?? []} me={me} />
            </Select>
          )}
        </Field>
        <Field label="Asked for by">
          {(control) => (
            <Select {...control} value={channel} onChange={(e) => setChannel(channelOf(e.target.value))}>
              {REQUEST_CHANNELS.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </FormRow>
    </FormDialog>
  );
}
