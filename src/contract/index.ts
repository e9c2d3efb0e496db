// The contract: openapi.yaml and schemas/, loaded once per process, and the check of every answer against it.
export { Contract } from './contract';
export { ContractViolationError, describeViolation, type Operation, type ValidationResult, type Violation } from './types';
