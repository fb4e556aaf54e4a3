/**
 * A policy as its edit form holds it (numbers as typed), and back: the edited policy validated by the policy
 * schema, or the problems keyed by the form field they belong to.
 */
import type { ZodError } from 'zod';
import { CASE_STATUSES, type CaseStatus, checkPhone, isOpenStatus } from '../../../shared/domain';
import { type Policy, Policy as PolicySchema } from '../../../shared/policies';
import type { DurationUnit } from '../../../shared/sla';
import { humanIssueMessage } from '../../../shared/sync/errors';

export interface DurationDraft {
  amount: string;
  unit: DurationUnit;
}

export type WarningDraft =
  | { type: 'none' }
  | { type: 'percent'; percent: string }
  | { type: 'before'; before: DurationDraft };

export interface TargetDraft {
  id: string;
  name: string;
  window: boolean;
  duration: DurationDraft;
  warning: WarningDraft;
}

export interface StepDraft {
  id: string;
  name: string;
  /** "after logging", "after the "Acknowledge" deadline"…: what the timing counts from, in words. */
  from: string;
  timing: DurationDraft;
}

export interface NoticeDraft {
  id: string;
  text: string;
}

export interface PolicyDraft {
  pauseStatuses: CaseStatus[];
  targets: TargetDraft[];
  ladder: StepDraft[];
  notices: NoticeDraft[];
  /** The urgent routes the notices name ({urgentPhone}, {urgentChat}); null for a policy without any. */
  urgentContact: { phone: string; chatUrl: string } | null;
}

/**
 * Field keys: `pauseStatuses`, `targets.<i>.duration`, `targets.<i>.warning`, `ladder.<i>.timing`,
 * `notices.<i>`, `urgentContact.phone`, `urgentContact.chatUrl`, and `form` for what belongs to no one field.
 */
export type FieldErrors = Record<string, string>;

const durationDraft = ({ amount, unit }: { amount: number; unit: DurationUnit }): DurationDraft => ({
  amount: String(amount),
  unit,
});

const ANCHOR_WORDS = {
  logged: 'after logging',
  'last-update': 'after the last update to the requester',
  'last-customer-contact': 'after the requester last got in touch',
  'stage-entered': 'after entering the stage',
} as const;

export function policyDraft(policy: Policy): PolicyDraft {
  return {
    pauseStatuses: [...policy.pauseStatuses],
    targets: policy.targets.map((target) => ({
      id: target.id,
      name: target.name,
      window: target.kind === 'window',
      duration: durationDraft(target.duration),
      warning:
        target.warning === undefined
          ? { type: 'none' }
          : 'percentElapsed' in target.warning
            ? { type: 'percent', percent: String(target.warning.percentElapsed) }
            : { type: 'before', before: durationDraft(target.warning.before) },
    })),
    ladder: policy.ladder.map((rule) => {
      const { when } = rule;
      if (when.anchor === 'deadline') {
        const target = policy.targets.find((t) => t.id === when.target)?.name ?? when.target;
        return {
          id: rule.id,
          name: rule.name,
          from: `${when.direction} the “${target}” deadline`,
          timing: durationDraft(when.offset),
        };
      }
      return {
        id: rule.id,
        name: rule.name,
        from: ANCHOR_WORDS[when.anchor],
        timing: durationDraft(when.after),
      };
    }),
    notices: policy.intake.notices.map((notice) => ({ id: notice.id, text: notice.text })),
    urgentContact:
      policy.intake.urgentContact === undefined
        ? null
        : {
            phone: policy.intake.urgentContact.phone ?? '',
            chatUrl: policy.intake.urgentContact.chatUrl ?? '',
          },
  };
}

/** The statuses a desk can choose to pause clocks in: resolved and closed stop them anyway. */
export const PAUSABLE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(isOpenStatus);

const NUMBER = /^\d+(\.\d+)?$/;

/** The amount as a number (NaN, with the reason under `key`, when it is not one). */
function readAmount(text: string, what: string, errors: FieldErrors, key: string, positive: boolean): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) {
    errors[key] ??= `Enter ${what} as a number, such as 8.`;
    return Number.NaN;
  }
  const value = Number(trimmed);
  if (positive && value === 0) errors[key] ??= `${capitalise(what)} must be more than zero.`;
  return value;
}

/** The edited policy (same id and version: the store numbers the saved version), or what is wrong, by field. */
export function policyFromDraft(
  base: Policy,
  draft: PolicyDraft,
): { ok: true; policy: Policy } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const targets = base.targets.map((target, i) => {
    const edit = draft.targets[i]!;
    const duration = {
      amount: readAmount(edit.duration.amount, 'the time allowed', errors, `targets.${i}.duration`, true),
      unit: edit.duration.unit,
    };
    const { warning: _old, ...rest } = target;
    const w = edit.warning;
    if (w.type === 'none') return { ...rest, duration };
    if (w.type === 'percent') {
      const percentElapsed = readAmount(w.percent, 'the share of time', errors, `targets.${i}.warning`, true);
      if (percentElapsed >= 100) errors[`targets.${i}.warning`] ??= 'The share of time must be under 100%.';
      return { ...rest, duration, warning: { percentElapsed } };
    }
    const before = {
      amount: readAmount(w.before.amount, 'the warning time', errors, `targets.${i}.warning`, true),
      unit: w.before.unit,
    };
    return { ...rest, duration, warning: { before } };
  });
  const ladder = base.ladder.map((rule, i) => {
    const edit = draft.ladder[i]!;
    const timing = {
      amount: readAmount(edit.timing.amount, 'the step’s timing', errors, `ladder.${i}.timing`, false),
      unit: edit.timing.unit,
    };
    const when =
      rule.when.anchor === 'deadline' ? { ...rule.when, offset: timing } : { ...rule.when, after: timing };
    return { ...rule, when };
  });
  const notices = base.intake.notices.map((notice, i) => {
    const text = draft.notices[i]!.text.trim();
    if (text === '') errors[`notices.${i}`] = 'Write the notice, or the intake form shows an empty box.';
    return { ...notice, text };
  });
  const urgentContact =
    draft.urgentContact === null ? undefined : readUrgentContact(draft.urgentContact, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const parsed = PolicySchema.safeParse(
    {
      ...base,
      pauseStatuses: PAUSABLE_STATUSES.filter((s) => draft.pauseStatuses.includes(s)),
      targets,
      ladder,
      intake: { ...base.intake, notices, ...(urgentContact === undefined ? {} : { urgentContact }) },
    },
    { error: humanIssueMessage },
  );
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, errors: errorsByField(parsed.error.issues) };
}

/** The urgent phone (checked and written as libphonenumber-js writes it) and live-chat link, as typed. */
function readUrgentContact(
  typed: { phone: string; chatUrl: string },
  errors: FieldErrors,
): { phone?: string; chatUrl?: string } {
  const contact: { phone?: string; chatUrl?: string } = {};
  if (typed.phone.trim() !== '') {
    const phone = checkPhone(typed.phone);
    if (phone.ok) contact.phone = phone.phone;
    else errors['urgentContact.phone'] = phone.message;
  }
  const chat = typed.chatUrl.trim();
  if (chat !== '') {
    let url: URL | null = null;
    try {
      url = new URL(chat);
    } catch {
      url = null;
    }
    if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      errors['urgentContact.chatUrl'] = 'Give the live chat’s web address, starting https://';
    } else contact.chatUrl = chat;
  }
  return contact;
}

/** Each schema issue on the field it is about; issues about no field are gathered under `form`. */
export function errorsByField(issues: ZodError['issues']): FieldErrors {
  const errors: FieldErrors = {};
  const elsewhere: string[] = [];
  for (const issue of issues) {
    const key = fieldOf(issue.path);
    const message = sentence(issue.message);
    if (key === null) elsewhere.push(issue.path.length ? `${issue.path.join('.')}: ${message}` : message);
    else errors[key] ??= message;
  }
  if (elsewhere.length > 0) errors.form = elsewhere.join(' ');
  return errors;
}

function fieldOf(path: readonly PropertyKey[]): string | null {
  const [head, index, part] = path;
  if (head === 'pauseStatuses') return 'pauseStatuses';
  if (head === 'targets' && typeof index === 'number') {
    return `targets.${index}.${part === 'warning' ? 'warning' : 'duration'}`;
  }
  if (head === 'ladder' && typeof index === 'number') return `ladder.${index}.timing`;
  if (head === 'intake' && index === 'notices' && typeof part === 'number') return `notices.${part}`;
  if (head === 'intake' && index === 'urgentContact' && (part === 'phone' || part === 'chatUrl'))
    return `urgentContact.${part}`;
  return null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a window has no warning" -> "A window has no warning." */
function sentence(text: string): string {
  const trimmed = capitalise(text.trim());
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
