/**
 * The intake form as data: which questions a kind's policy asks, what a filled form is missing, and the
 * createCase arguments it makes. The mutator checks the same rules again (it is the authority); checking here
 * first lets the form point at every missing answer at once, before anything is sent.
 */
import {
  type Affiliation,
  type CaseKind,
  type Channel,
  checkPhone,
  type Priority,
} from '../../../shared/domain';
import type { IntakeField, Policy } from '../../../shared/policies';
import type { CreateCaseArgs } from '../../../shared/sync';

/** Intake answers that have a home of their own on the case (the requester's phone, the description). */
export const REQUESTER_FIELDS = new Set(['daytime-phone', 'best-time-to-call']);
const DESCRIPTION_FIELDS = new Set(['description', 'statement']);

export interface IntakeValues {
  channel: Channel;
  subject: string;
  priority: Priority;
  name: string;
  email: string;
  /** The requester's (daytime) phone. */
  phone: string;
  bestTimeToCall: string;
  affiliation: Affiliation | '';
  stage: string;
  /** The designated owner (escalations must have one from the start). */
  ownerId: string;
  /** Answers to the policy's questions, by field id. */
  answers: Record<string, string>;
}

export function emptyValues(policy: Policy | undefined): IntakeValues {
  return {
    channel: 'phone',
    subject: '',
    priority: 'normal',
    name: '',
    email: '',
    phone: '',
    bestTimeToCall: '',
    affiliation: '',
    stage: defaultStage(policy),
    ownerId: '',
    answers: {},
  };
}

/** A staged policy's intake records the stage the statement belongs to: past the informal one. */
function defaultStage(policy: Policy | undefined): string {
  if (!policy || policy.stages.length === 0) return '';
  return policy.stages[1]?.id ?? policy.stages[0]!.id;
}

/** The policy's questions the form shows in its own section (the requester's phone is asked with their details). */
export function caseQuestions(policy: Policy | undefined): IntakeField[] {
  return (policy?.intake.fields ?? []).filter((f) => !REQUESTER_FIELDS.has(f.id));
}

export function requesterQuestion(policy: Policy | undefined, id: string): IntakeField | undefined {
  return policy?.intake.fields.find((f) => f.id === id);
}

/** Whether an escalation needs its owner named at intake (the desk's rule: from the start, always). */
export function ownerRequired(kind: CaseKind): boolean {
  return kind === 'escalation';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Form field -> message for everything missing or malformed; empty when the form can be sent. */
export function validateIntake(
  kind: CaseKind,
  policy: Policy | undefined,
  values: IntakeValues,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.subject.trim() === '')
    errors.subject = 'Give the case a subject: a few words on what it is about.';
  if (values.name.trim() === '') errors.name = 'Give the requester’s name.';
  if (values.email.trim() !== '' && !EMAIL.test(values.email.trim())) {
    errors.email = 'That email address doesn’t look right (name@example.ac.uk).';
  }
  const phoneField = requesterQuestion(policy, 'daytime-phone');
  if (phoneField?.required && values.phone.trim() === '')
    errors.phone = `Please answer “${phoneField.label}”.`;
  const bestTime = requesterQuestion(policy, 'best-time-to-call');
  if (bestTime?.required && values.bestTimeToCall.trim() === '') {
    errors.bestTimeToCall = `Please answer “${bestTime.label}”.`;
  }
  if (values.phone.trim() !== '') {
    const phone = checkPhone(values.phone);
    if (!phone.ok) errors.phone = phone.message;
  }
  if (values.email.trim() === '' && values.phone.trim() === '' && errors.phone === undefined) {
    errors.email = 'Give an email address or a phone number so the desk can reply.';
  }
  for (const field of caseQuestions(policy)) {
    const answer = values.answers[field.id]?.trim() ?? '';
    if (field.required && answer === '') errors[field.id] = `Please answer “${field.label}”.`;
    else if (field.type === 'phone' && answer !== '') {
      const phone = checkPhone(answer);
      if (!phone.ok) errors[field.id] = phone.message;
    }
  }
  if (ownerRequired(kind) && values.ownerId === '') {
    errors.ownerId = 'An escalation needs a designated owner from the start.';
  }
  return errors;
}

/** The createCase arguments for a filled form. */
export function toCreateArgs(
  kind: CaseKind,
  policy: Policy | undefined,
  values: IntakeValues,
): CreateCaseArgs {
  const answers: Record<string, string> = {};
  let description = '';
  for (const field of caseQuestions(policy)) {
    const answer = values.answers[field.id]?.trim() ?? '';
    if (answer === '') continue;
    if (DESCRIPTION_FIELDS.has(field.id) && description === '') description = answer;
    else answers[field.id] = answer;
  }
  if (description === '' && answers.impact) description = answers.impact;
  const owner = values.ownerId === '' ? null : values.ownerId;
  return {
    kind,
    subject: values.subject,
    description,
    priority: values.priority,
    channel: values.channel,
    requester: {
      name: values.name,
      email: values.email.trim(),
      ...(values.phone.trim() ? { phone: values.phone } : {}),
      ...(values.bestTimeToCall.trim() ? { bestTimeToCall: values.bestTimeToCall } : {}),
      ...(values.affiliation ? { affiliation: values.affiliation } : {}),
    },
    intake: answers,
    ...(values.stage ? { stage: values.stage } : {}),
    ...(owner === null ? {} : { ownerId: owner, assigneeId: owner }),
  };
}

/** Where a mutator's field key ("requester.email", "daytime-phone") shows on this form. */
export function formField(key: string): string {
  switch (key) {
    case 'requester.name':
      return 'name';
    case 'requester.email':
      return 'email';
    case 'requester.phone':
    case 'daytime-phone':
      return 'phone';
    case 'best-time-to-call':
    case 'requester.bestTimeToCall':
      return 'bestTimeToCall';
    default:
      return key;
  }
}
