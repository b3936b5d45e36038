/** What the Office adapter's parts share: the host, the options, and what the last calls learned. */

import { MARKS_PREFIX } from '../common.js';
import type { AdapterOptions, Capabilities } from '../types.js';
import type { ExcelHost, HostConditionalFormat } from './api.js';

export interface OfficeState {
  host: ExcelHost;
  options: AdapterOptions;
  caps: Capabilities;
  /** Custom conditional formats found on a sheet at the last read: ours, to delete on the next mark. */
  knownMarks: Map<string, string[]>;
  knownSheets: string[];
}

export function isOurs(cf: HostConditionalFormat): boolean {
  if (cf.type !== 'Custom' || cf.customOrNullObject.isNullObject) return false;
  return cf.customOrNullObject.rule.formula.includes(`${MARKS_PREFIX}`);
}

export const CF_LOAD = 'items/id,items/type,items/customOrNullObject/rule/formula';
