export { runAdapterContract, type ContractOptions, type ContractSubject } from './adapter-contract.js';
export type { SuiteFunctions } from './suite.js';
export { caseInput, sampleValue } from './fixtures.js';
