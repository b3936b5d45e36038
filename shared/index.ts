/** The domain core: pure TypeScript, no DOM, Office, Workers or Node APIs. */
export * from './check.js';
export * from './classify.js';
export * from './ledger/columns.js';
export * from './ledger/fold.js';
export * from './ledger/normalize.js';
export * from './ledger/read.js';
export { LEDGER_ROW_FIELDS } from './ledger/shape.js';
export * from './ledger/synonyms.js';
export * from './ledger/text.js';
export * from './ledger/types.js';
export * from './periods.js';
export * from './reporting.js';
export * from './rules/ids.js';
export * from './rules/ledger.js';
export * from './rules/types.js';
export * from './stats.js';
export * from './stats-notes.js';
