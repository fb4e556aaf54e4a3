export { buildCase, type HistoryBuilder, historyOf } from './builders';
export * from './case';
export * from './events';
export { greeting, salutationName } from './names';
export { checkPhone, type PhoneCheck } from './phone';
export { applyCaseEvent, applyCaseEventInPlace } from './reduce';
export { canonicalTicketRef, canonicalTicketRefs } from './references';
export { findStaffNames, REDACTED, redactStaffNames, type StaffMention } from './staff-names';
export * from './vocabulary';
