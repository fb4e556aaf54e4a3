/** The SLA clock engine's public surface (re-exported by shared/sla/index.ts). */
export { compileClockPolicy, computeCaseClocks } from './clock';
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
export type { CaseClocks, ClockPolicy, ClockState, SlaClock } from './clock-types';
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
