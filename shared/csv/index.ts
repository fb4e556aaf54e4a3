export { CsvParseError, parseCsv, unguardFormula } from './parse';
export {
  CSV_BOM,
  type CsvOptions,
  type CsvValue,
  csvChunks,
  csvField,
  csvRecord,
  guardFormula,
  toCsv,
} from './write';
