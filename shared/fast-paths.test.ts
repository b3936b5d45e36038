/**
 * The core's fast paths hold to the plain computations they replace: repeated keys found by the
 * open-addressing table equal those a Map finds, the packed numeric issue sort equals a stable
 * sort by (row, severity, column), integers skip roundWan's rounding unchanged, and cached column
 * letters equal computed ones, cached classify reasons name the row's own facts, amount text and
 * multi-select separators read by plain loops equal their regular expressions, and a table's
 * number columns (Float64Arrays) give back exactly the values pushed, whatever they are; rows whose
 * multi-select texts were read once (remembered) still get lists of their own; width folding by
 * slices equals folding character by character.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkRecords, sortIssues } from './check.js';
import { CLASSIFY_RULES, classify, describeCondition } from './classify.js';
import { COLUMN_KEYS, COLUMNS } from './ledger/columns.js';
import { parseAmountText, roundWan } from './ledger/money.js';
import { NO_FACTS, normalizeRecord } from './ledger/normalize.js';
import { isSeparator, MULTI_SEPARATORS } from './ledger/synonyms.js';
import { LedgerTable } from './ledger/table.js';
import { columnLetters, foldWidth } from './ledger/text.js';
import type { Issue } from './ledger/types.js';
import { repeatedPairs } from './rules/ledger.js';
import { summarize } from './stats.js';
import { cellsArb, messyCellsArb } from './test/arbitraries.js';
import { validCells } from './test/fixtures.js';

function pairsByMap(keys: readonly string[]): [number, number][] {
  const first = new Map<string, number>();
  const pairs: [number, number][] = [];
  keys.forEach((k, i) => {
    const j = first.get(k);
    if (j === undefined) first.set(k, i);
    else pairs.push([j, i]);
  });
  return pairs;
}

it('repeatedPairs finds the same repeats as a Map, in the same order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom('A', 'B', 'PS-1', 'ps-1', ''), fc.string()), { maxLength: 80 }),
      (keys) => {
        expect(repeatedPairs(keys)).toEqual(pairsByMap(keys));
      },
    ),
  );
  const many = Array.from({ length: 5000 }, (_, i) => `PS2021-${i % 4000}`);
  expect(repeatedPairs(many)).toEqual(pairsByMap(many));
});

const order = new Map<string, number>(COLUMNS.map((c, i) => [c.key, i]));

function sortByTuple(issues: readonly Issue[]): Issue[] {
  const rank = (i: Issue) => [i.row ?? -1, i.severity === 'error' ? 0 : 1, i.field ? (order.get(i.field) ?? 99) : -1];
  return issues
    .map((issue, index) => ({ issue, index, key: rank(issue) }))
    .sort((a, b) => {
      for (let k = 0; k < 3; k++) {
        const d = (a.key[k] as number) - (b.key[k] as number);
        if (d !== 0) return d;
      }
      return a.index - b.index;
    })
    .map((x) => x.issue);
}

const issueArb = fc.record({
  row: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2 ** 40 })),
  field: fc.oneof(fc.constant(null), fc.constantFrom(...COLUMNS.map((c) => c.key))),
  cell: fc.constant(null),
  ruleId: fc.string({ maxLength: 3 }),
  severity: fc.constantFrom('error' as const, 'warning' as const),
  message: fc.string({ maxLength: 3 }),
});

it('sortIssues orders as a stable sort by row, severity and column', () => {
  fc.assert(
    fc.property(fc.array(issueArb, { maxLength: 60 }), (issues) => {
      expect(sortIssues(issues.slice())).toEqual(sortByTuple(issues));
    }),
  );
});

it('roundWan returns integers unchanged and rounds the rest to 元', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), (n) => {
      expect(Object.is(roundWan(n), Math.round(n * 10000) / 10000)).toBe(true);
    }),
  );
});

it('cached column letters equal computed ones', () => {
  const letters = (index: number) => {
    let n = index + 1;
    let s = '';
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  for (let i = 0; i < 800; i++) expect(columnLetters(i)).toBe(letters(i));
});

it('classify reasons (cached by mask and shown value) name exactly the conditions the row meets', () => {
  fc.assert(
    fc.property(fc.array(cellsArb, { minLength: 1, maxLength: 20 }), (ledger) => {
      for (const [i, cells] of ledger.entries()) {
        const row = normalizeRecord({ row: i + 5, cells }, () => {});
        const s = classify(row);
        const rule = CLASSIFY_RULES.find((r) => r.id === s.ruleId);
        if (!rule || rule.when.length === 0) continue;
        const fields = row as unknown as Record<string, unknown>;
        const met = rule.when.filter((c) => {
          const v = fields[c.field];
          if ('equals' in c) return v === c.equals;
          if ('includes' in c) return Array.isArray(v) && v.includes(c.includes);
          return Array.isArray(v) ? v.length > 0 : v !== null && v !== '';
        });
        expect(s.reason.startsWith(`台账记载：${met.map((c) => describeCondition(c, row)).join('；')}。`)).toBe(true);
      }
    }),
  );
});

it('a table gives back every value pushed, number columns included (any capacity)', () => {
  const value = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(-0),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 2 }),
  );
  fc.assert(
    fc.property(
      fc.array(fc.array(value, { minLength: COLUMN_KEYS.length, maxLength: COLUMN_KEYS.length }), { maxLength: 12 }),
      fc.nat(20),
      (rows, capacity) => {
        const table = new LedgerTable(capacity);
        for (const [i, values] of rows.entries()) table.push(i + 5, values, '', NO_FACTS);
        COLUMN_KEYS.forEach((key, c) => {
          expect(table.column(key)).toEqual(rows.map((values) => values[c]));
          for (const [i, v] of table.column(key).entries()) expect(Object.is(v, rows[i]?.[c])).toBe(true);
        });
        rows.forEach((values, i) => {
          const row = table.row(i) as unknown as Record<string, unknown>;
          for (const [c, key] of COLUMN_KEYS.entries()) expect(Object.is(row[key], values[c])).toBe(true);
        });
      },
    ),
  );
});

it('amount text read by the plain loop equals the regular expression that defines it', () => {
  const definition = (text: string) => {
    const m = /^([-+]?[\d,]*\.?\d+)\s*(万元|万|元)?$/u.exec(text.replace(/\s+/gu, ''));
    return m ? { n: Number((m[1] ?? '').replace(/,/gu, '')), unit: m[2] ?? '' } : null;
  };
  const piece = fc.constantFrom('0', '1', '9', '12', ',', '.', '-', '+', ' ', '万', '元', '万元', 'e', '１', '\u3000');
  const text = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.array(piece, { maxLength: 9 }).map((xs) => xs.join('')),
  );
  fc.assert(
    fc.property(text, (t) => {
      const got = parseAmountText(t);
      expect(got === null ? null : { ...got }).toEqual(definition(t));
    }),
    { numRuns: 5000 },
  );
});

it('isSeparator agrees with MULTI_SEPARATORS on every UTF-16 code unit', () => {
  for (let code = 0; code < 0x10000; code++) {
    expect(isSeparator(code), `U+${code.toString(16)}`).toBe(MULTI_SEPARATORS.test(String.fromCharCode(code)));
  }
});

it("checkRecords' 统计表 row, counted during the check, equals summarize over its rows", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(cellsArb, messyCellsArb), { maxLength: 25 }), fc.boolean(), (ledger, named) => {
      const records = ledger.map((cells, i) => ({ row: i + 5, cells }));
      const result = checkRecords(records, named ? { unit: '保家镇' } : {});
      expect(result.summary).toEqual(summarize(named ? '保家镇' : '未填报单位', result.rows));
    }),
  );
});

it('rows whose multi-select cells read alike (remembered by text) still get lists of their own', () => {
  const cells = { ...validCells(1), problems: '亏损、停产', causes: '资金短缺、用工短缺' };
  const first = checkRecords([
    { row: 5, cells },
    { row: 6, cells: { ...cells, code: 'PS-2' } },
  ]);
  const [a, b] = first.rows;
  if (!a || !b) throw new Error('two rows');
  expect(a.problems).toEqual(['亏损', '停产']);
  expect(a.problems).not.toBe(b.problems);
  expect(Object.isFrozen(a.causes)).toBe(false);
  a.problems.push('经营困难');
  a.causes.length = 0;
  expect(b.problems).toEqual(['亏损', '停产']);
  // The next check reads the same texts as before.
  const again = checkRecords([{ row: 5, cells }]).rows[0];
  expect(again?.problems).toEqual(['亏损', '停产']);
  expect(again?.causes).toEqual(['资金短缺', '用工短缺']);
});

/** foldWidth as first written: character by character. */
function foldWidthByCharacter(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

it('foldWidth by slices equals folding character by character, on every code unit and any text', () => {
  for (let c = 0; c < 0x10000; c++) {
    const text = `a${String.fromCharCode(c)}（Ｂ）`;
    expect(foldWidth(text)).toBe(foldWidthByCharacter(text));
  }
  const pieces = fc.constantFrom(
    '，',
    '（',
    '）',
    'Ａ',
    '０',
    '\u3000',
    '\uff5e',
    '\uff5f',
    '\uff00',
    '项目',
    'a',
    '😀',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary' })), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      expect(foldWidth(text)).toBe(foldWidthByCharacter(text));
    }),
    { numRuns: 3000 },
  );
});
