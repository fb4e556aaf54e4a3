// What every view of a case shows: reference, labels, icons, countdown, form pieces, intake fields, notices.
export { Countdown } from './Countdown';
export { countdown, formatSpan, workingDayMinutes } from './deadline';
export { FormDialog, useFormDialog } from './FormDialog';
export { Choices, DialogBody, DialogButtons, FormAlert, FormRow } from './forms';
export { IntakeFieldInput } from './IntakeFieldInput';
export {
  ArrowLeftIcon,
  FlagIcon,
  LinkIcon,
  LockIcon,
  MailIcon,
  NoteIcon,
  PhoneIcon,
  PlusIcon,
  ReplyIcon,
  StageIcon,
} from './icons';
export {
  KIND_LABELS,
  LEVEL_LABELS,
  ladderStepText,
  PRIORITY_LABELS,
  SLA_LABELS,
  STATUS_LABELS,
  stageLabel,
} from './labels';
export { PolicyNotices } from './PolicyNotices';
export { setQueueOrder, useQueueOrder } from './queue-order';
export { type DeskReference, useDeskReference } from './reference';
