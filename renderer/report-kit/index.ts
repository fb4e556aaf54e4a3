// What the board and the reports share: their data from the store, periods, charts, exports, printables.
export { ChartFigure } from './ChartFigure';
export { ExportStatus, type Exports, useExports } from './ExportStatus';
export { exportCsv, exportPdf } from './export-file';
export { PeriodPicker } from './PeriodPicker';
export { periodDays, periodFor, periodOfDays, periodText, usePeriodChoice } from './period';
export {
  ageChart,
  boardPrintable,
  breachesChart,
  complianceChart,
  instantText,
  outstandingPrintable,
  percentText,
  reportFileName,
} from './printable';
export {
  type LoadedReport,
  loadCompliance,
  loadEvidence,
  loadOutstanding,
  loadOutstandingRun,
  loadRegister,
  REPORT_KINDS,
  type ReportKindId,
} from './report-data';
export { useBoard } from './use-board';
