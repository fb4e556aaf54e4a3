/** Policy and calendar data in words, for the read-only views. */
import { ESCALATION_LEVEL_NAMES } from '../../../shared/domain/vocabulary';
import type { EscalationRule, StepActions, StepTiming } from '../../../shared/escalation/schema';
import type { Target, Trigger, Warning } from '../../../shared/sla/clock-schema';
import { describeDuration } from '../../../shared/sla/duration';

const ANCHORS: Record<Exclude<StepTiming['anchor'], 'deadline'>, string> = {
  logged: 'logging',
  'last-update': 'the last update to the requester',
  'last-customer-contact': 'the requester last got in touch',
  'stage-entered': 'entering the stage',
};

export function describeTiming(when: StepTiming, targets: readonly Target[]): string {
  if (when.anchor === 'deadline') {
    const target = targets.find((t) => t.id === when.target)?.name ?? when.target;
    return `${describeDuration(when.offset)} ${when.direction} the "${target}" deadline`;
  }
  return `${describeDuration(when.after)} after ${ANCHORS[when.anchor]}`;
}

const ROLE_WORDS: Record<string, string> = {
  assignee: 'the assignee',
  owner: 'the owner',
  desk: 'the desk',
  manager: 'the manager',
  director: 'the director',
  'line-manager': 'the line manager',
};

export function describeActions(actions: StepActions): string[] {
  const out: string[] = [];
  if (actions.notify.length > 0)
    out.push(`Notify ${actions.notify.map((r) => ROLE_WORDS[r] ?? r).join(' and ')}`);
  if (actions.raiseLevelTo !== undefined) {
    out.push(`Raise to level ${actions.raiseLevelTo} (${ESCALATION_LEVEL_NAMES[actions.raiseLevelTo]})`);
  }
  if (actions.flagForPrompt) out.push('Flag for prompting the owner');
  if (actions.requireOwner) out.push('Require a designated owner');
  return out;
}

export function describeRepeat(rule: EscalationRule): string | null {
  const { repeat } = rule;
  if (repeat.type === 'once') return null;
  const times = repeat.count ? `, ${repeat.count} times at most` : '';
  if (repeat.type === 'every') return `Repeats every ${describeDuration(repeat.interval)}${times}`;
  return `Repeats on a schedule (${repeat.rrule})${times}`;
}

function describeTrigger(trigger: Trigger, stageName: (id: string) => string): string {
  switch (trigger.on) {
    case 'received':
      return 'the case arrives';
    case 'reply':
      return `${trigger.purposes ? `a reply (${trigger.purposes.join(' or ')})` : 'a reply to the requester'}${inStage(trigger.stage, stageName)}`;
    case 'customer-contact':
      return `the requester gets in touch${inStage(trigger.stage, stageName)}`;
    case 'stage-entered':
      return `the case enters the ${stageName(trigger.stage)} stage`;
    case 'status-entered':
      return `the status becomes ${trigger.statuses.map((st) => statusLabel(st).toLowerCase()).join(' or ')}`;
    case 'owner-set':
      return 'an owner is named';
  }
}

/** `stages` names the policy's stages ("hod-review" -> "Head of Department review"). */
export function describeTriggers(
  triggers: readonly Trigger[],
  stages: readonly { id: string; name: string }[] = [],
): string {
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? id;
  return triggers.map((trigger) => describeTrigger(trigger, stageName)).join(', or ');
}

function inStage(stage: string | undefined, stageName: (id: string) => string): string {
  return stage === undefined ? '' : ` during the ${stageName(stage)} stage`;
}

export function describeWarning(warning: Warning | undefined): string | null {
  if (!warning) return null;
  if ('percentElapsed' in warning) return `At risk after ${warning.percentElapsed}% of the time`;
  return `At risk ${describeDuration(warning.before)} before the deadline`;
}

export const WEEKDAY_NAMES = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
} as const;

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-12-25" -> "Fri 25 Dec 2026" (a calendar date, so no zone shift). */
export function formatIsoDate(iso: string): string {
  return dateFormat.format(new Date(`${iso}T00:00:00Z`));
}

/** "pending-requester" -> "Pending requester". */
export function statusLabel(status: string): string {
  const words = status.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
