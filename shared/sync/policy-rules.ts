import type { Case, CaseKind } from '../domain';

/**
 * What the mutators need to know of a case's policy: which intake fields it requires (from which stage on),
 * its stages in order, and whether its cases start confidential or need a designated owner.
 */
export interface IntakeField {
  /** Where the answer lives: a well-known id (see `intakeValue`) or a key of `case.intake`. */
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
  /** Required once the case is at this stage or a later one (e.g. the formal complaint's statement). */
  readonly fromStage?: string;
}

export interface PolicyRules {
  readonly policyId: string;
  readonly kind: CaseKind;
  readonly calendarId: string;
  readonly intakeFields: readonly IntakeField[];
  /** In order; empty for policies without stages. A new case starts at the first unless told otherwise. */
  readonly stages: readonly string[];
  readonly confidentialByDefault: boolean;
  /** Escalations: one designated owner from acknowledgement to resolution. */
  readonly requiresOwner: boolean;
}

/** The answer to an intake field on a case, or '' when it is missing. */
export function intakeValue(kase: Case, fieldId: string): string {
  switch (fieldId) {
    case 'description':
      return kase.description.trim();
    case 'requester-name':
      return kase.requester.name.trim();
    case 'requester-email':
      return kase.requester.email ?? '';
    case 'requester-phone':
      return kase.requester.phone ?? '';
    case 'best-time-to-call':
      return kase.requester.bestTimeToCall ?? '';
    case 'contact-details':
      return kase.requester.email ?? kase.requester.phone ?? '';
    case 'original-ticket':
      return kase.originalTicketRef ?? '';
    default:
      return (kase.intake[fieldId] ?? '').trim();
  }
}

/** The required fields this case lacks at `stage`, as field id -> message. */
export function missingIntake(rules: PolicyRules, kase: Case, stage: string | null): Record<string, string> {
  const reached = stage === null ? -1 : rules.stages.indexOf(stage);
  const missing: Record<string, string> = {};
  for (const field of rules.intakeFields) {
    if (!field.required) continue;
    if (field.fromStage !== undefined && rules.stages.indexOf(field.fromStage) > reached) continue;
    if (intakeValue(kase, field.id) === '') missing[field.id] = `${field.label} is required.`;
  }
  return missing;
}

/**
 * The presets' intake rules, until the policies in shared/policies carry them. Field ids follow `intakeValue`;
 * the rest ("desired-remedy", "date-or-period"…) are keys of `case.intake`.
 */
export const PRESET_RULES: readonly PolicyRules[] = [
  {
    policyId: 'query',
    kind: 'query',
    calendarId: 'uk',
    intakeFields: [{ id: 'requester-name', label: 'Name', required: true }],
    stages: [],
    confidentialByDefault: false,
    requiresOwner: false,
  },
  {
    policyId: 'complaint',
    kind: 'complaint',
    calendarId: 'uk',
    intakeFields: [
      { id: 'description', label: 'Description of the complaint', required: true },
      { id: 'desired-remedy', label: 'What would put it right', required: true },
      { id: 'requester-name', label: 'Name', required: true },
      { id: 'requester-phone', label: 'Daytime phone', required: true },
      { id: 'best-time-to-call', label: 'Best time to call', required: true },
    ],
    stages: [],
    confidentialByDefault: true,
    requiresOwner: false,
  },
  {
    policyId: 'escalation',
    kind: 'escalation',
    calendarId: 'uk',
    intakeFields: [
      { id: 'original-ticket', label: 'Original ticket number', required: true },
      { id: 'escalation-reason', label: 'Reason for escalation', required: true },
      { id: 'description', label: 'What has gone wrong', required: true },
      { id: 'requester-name', label: 'Name', required: true },
    ],
    stages: [],
    confidentialByDefault: false,
    requiresOwner: true,
  },
  {
    policyId: 'formal-complaint',
    kind: 'formal-complaint',
    calendarId: 'uk',
    intakeFields: [
      { id: 'requester-name', label: 'Name', required: true },
      {
        id: 'description',
        label: 'Statement of how expectations were not met',
        required: true,
        fromStage: 'formal',
      },
      { id: 'date-or-period', label: 'Date or period', required: true, fromStage: 'formal' },
      { id: 'call-references', label: 'Call reference numbers', required: true, fromStage: 'formal' },
      {
        id: 'contact-details',
        label: 'Contact details (email or phone)',
        required: true,
        fromStage: 'formal',
      },
    ],
    stages: ['informal', 'formal', 'hod-review', 'external'],
    confidentialByDefault: true,
    requiresOwner: false,
  },
];
