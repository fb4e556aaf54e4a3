export {
  type DeliverOptions,
  type Delivery,
  deliver,
  EMPTY_INBOX,
  type Inbox,
  type InboxResult,
  type Notice,
  noticeId,
  type WorkingHours,
  workingHoursOf,
} from './inbox';
export { noticeDeadline, type RecordedStep, routeForStep, stepNotices } from './messages';
export { type CaseParties, type Directory, type Recipient, recipientsFor, stageOwnerFor } from './recipients';
