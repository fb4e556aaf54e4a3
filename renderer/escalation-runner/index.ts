// Escalation work behind every view: ladders and scheduled reports on the app clock, notices, report offer.
export { type DeskContext, loadDeskContext } from './desk-context';
export { type ReportRun, reportRunKey, useReportOffer, useReportOfferStore } from './report-offer';
export { startEscalations } from './start';
