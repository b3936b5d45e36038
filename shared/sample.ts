/**
 * A valid project's cells (passes every rule, classified 巩固): the one builder behind the demo
 * ledgers (scripts/demo-ledger.ts) and the test fixtures (shared/test/fixtures.ts, cli/test/projects.ts).
 * Callers vary what identifies the project; the sound 巩固 state and the money rule
 * (investTotal = investSpecial + investOther) are fixed here.
 */
import type { ColumnKey } from './ledger/columns.js';
import type { RawCell } from './ledger/types.js';

export type SampleCells = Partial<Record<ColumnKey, RawCell>>;

/** What tells one sample project from another. */
export interface SampleIdentity {
  seq: number;
  name: string;
  code: string;
  year: number;
  /** 责任单位 */
  unit: string;
  /** 责任人及联系电话 */
  contact: string;
  /** 万元 */
  investSpecial: number;
  /** 万元 */
  investOther: number;
  content: string;
  location: string;
  /** 万元 */
  valueAssets: number;
}

/** A valid 巩固 project (cells in the ledger's column order). */
export function validProject(id: SampleIdentity): SampleCells {
  return {
    seq: id.seq,
    name: id.name,
    code: id.code,
    year: id.year,
    category: '巩固',
    unit: id.unit,
    contact: id.contact,
    industry: '种植业',
    investTotal: Math.round((id.investSpecial + id.investOther) * 100) / 100,
    investSpecial: id.investSpecial,
    investOther: id.investOther,
    content: id.content,
    location: id.location,
    mode: '委托经营',
    valueBalance: 0,
    valueReceivable: 0,
    valueAssets: id.valueAssets,
    valueOther: 0,
    functionStatus: '正常',
    useStatus: '在用',
    operation: '经营正常',
    problems: null,
    causes: null,
    linkage: '充分',
    linkageShortfall: null,
    measures: null,
    progress: null,
    remarks: null,
  };
}
