export { buildCase, type HistoryBuilder, historyOf } from './builders';
export * from './case';
export * from './events';
export { applyCaseEvent, applyCaseEventInPlace } from './reduce';
export { findStaffNames, REDACTED, redactStaffNames, type StaffMention } from './staff-names';
export * from './vocabulary';
export { greeting, salutationName } from './names';
export { checkPhone, type PhoneCheck } from './phone';
export { canonicalTicketRef, canonicalTicketRefs } from './references';
