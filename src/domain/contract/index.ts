export {
  buildContract,
  type ContractColumn,
  type ContractMeta,
  type ContractType,
  JSON_SCHEMA_2020_12,
  MAX_ENUM,
  type PropertySchema,
  RANGE_MARGIN,
  type ServingContract,
} from './build.js';
export { checkContract, contractText } from './check.js';
export {
  baseType,
  type CheckedColumn,
  type ColumnViolations,
  type ValidationResult,
  VIOLATIONS,
  type Violation,
  validateColumns,
} from './validate.js';
