/**
 * Compile-time check (addin/tsconfig.json, with @types/office-js): the real Excel.RequestContext
 * satisfies the API subset the adapter and the fake host are written against. Not bundled.
 */
import type { HostContext } from './excel.js';

type Satisfies<T extends HostContext> = T;
export type RealExcelFitsTheAdapter = Satisfies<Excel.RequestContext>;
