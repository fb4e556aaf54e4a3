/** The SLA clock engine's public surface (re-exported by shared/sla/index.ts). */
export { compileSlaPolicy, computeCaseSla } from './clock';
export { type ClockExplanation, type ClockSpan, explainClock } from './clock-explain';
export {
  caseFinished,
  TARGET_KINDS,
  Target,
  type TargetInput,
  TargetKind,
  Trigger,
  Warning,
} from './clock-schema';
export type { CaseSla, ClockState, DueStep, LadderResult, SlaClock, SlaPolicy } from './clock-types';
export {
  addDuration,
  DURATION_UNITS,
  Duration,
  DurationUnit,
  describeDuration,
  isWorkingUnit,
  nextWorkingInstant,
  subtractDuration,
} from './duration';
