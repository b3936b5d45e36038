/** xlsx limits checked before ExcelJS inflates anything: zip bombs, lying headers, a million rows. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './test/helpers.js';
import { writeTallXlsx } from './test/zip.js';
import { centralDirectory, checkXlsxLimits, XLSX_LIMITS } from './xlsx-limits.js';

const tmp = tempDir();
const good = tmp.path('good.xlsx');

beforeAll(async () => {
  expect((await cli('template', '--out', good)).code).toBe(0);
});
afterAll(() => tmp.remove());

describe('checkXlsxLimits', () => {
  it('a zip bomb (a 1 GB entry in a ~1 MB file) is refused from the directory, before inflating: exit 2', async () => {
    const bomb = tmp.path('bomb.xlsx');
    await writeTallXlsx(bomb, 10, [{ name: 'xl/media/image1.png', zeros: 1024 * 1024 * 1024 }]);
    expect(readFileSync(bomb).length).toBeLessThan(2 * 1024 * 1024);
    const started = performance.now();
    const r = await cli('validate', bomb);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/“bomb\.xlsx”未读取：压缩包条目 xl\/media\/image1\.png 解压后有 1024 MB，超过 200 MB/u);
  });

  it('an entry whose directory understates its size is stopped once it inflates past the stated size', async () => {
    const liar = tmp.path('liar.xlsx');
    await writeTallXlsx(liar, 10, [{ name: 'xl/media/image1.png', zeros: 50 * 1024 * 1024, declaredSize: 1000 }]);
    await expect(checkXlsxLimits(liar)).rejects.toThrow(/比目录中声明的 1,000 字节更大/u);
  });

  it('a sheet of 1,048,576 rows is refused by counting rows as it inflates: exit 2, Chinese reason', async () => {
    const tall = tmp.path('tall.xlsx');
    await writeTallXlsx(tall, 1_048_576);
    const r = await cli('validate', tall);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/“tall\.xlsx”未读取：工作表的行数超过 200,000 行/u);
    expect(r.err).toMatch(/删除多余的空行/u);
  });

  it('near miss: the blank template and a 1,000-row sheet pass; a lower cell limit refuses the template', async () => {
    await expect(checkXlsxLimits(good)).resolves.toBeUndefined();
    const small = tmp.path('small.xlsx');
    await writeTallXlsx(small, 1000);
    await expect(checkXlsxLimits(small)).resolves.toBeUndefined();
    await expect(checkXlsxLimits(small, { ...XLSX_LIMITS, rows: 999 })).rejects.toThrow(/行数超过 999 行/u);
    await expect(checkXlsxLimits(small, { ...XLSX_LIMITS, cells: 999 })).rejects.toThrow(/单元格数超过 999 个/u);
  });

  it('reads the central directory of a real workbook', () => {
    const names = centralDirectory(readFileSync(good)).map((e) => e.name);
    expect(names).toContain('xl/workbook.xml');
    expect(names.some((n) => /^xl\/worksheets\/sheet\d+\.xml$/u.test(n))).toBe(true);
  });
});
