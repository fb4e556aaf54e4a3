export {
  DEMO_CALENDAR_ID,
  DEMO_FIRST_REF,
  DEMO_WEEKS,
  type DemoData,
  type DemoOptions,
  type DemoRows,
  demoCaseId,
  demoChunks,
  demoPeople,
  demoSettings,
  generateDemo,
} from './generate';
