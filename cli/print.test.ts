/**
 * Printing per spec §5, checked on paper as LibreOffice prints it: both forms written by the CLI
 * (附件5 from `template`, 附件4 from `aggregate`) are exported to PDF, and the PDF's text boxes
 * are measured: A3 landscape pages, the smallest text at least 8 pt, header rows (and 序号 /
 * 项目名称 on the second page across) repeated, the title and 填报单位 on the first page.
 * Text boxes are taller than the font size by the font's ascent + descent: the factor is measured
 * on a calibration sheet printed at 100 % with the same fonts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fillTemplate, tempDir } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';

const tmp = tempDir('sige-print-');
afterAll(() => tmp.remove());

function toPdf(file: string): string {
  const outDir = tmp.path('pdf');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, basename(file).replace(/\.xlsx$/u, '.pdf'));
  for (let attempt = 0; attempt < 2 && !existsSync(out); attempt++)
    spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${tmp.path('profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        file,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
  if (!existsSync(out)) throw new Error(`soffice did not write ${out}`);
  return out;
}

interface Word {
  text: string;
  x: number;
  y: number;
  right: number;
  height: number;
}

/** Pairs of word boxes that overlap by more than `tolerance` points both ways. */
function overlaps(words: readonly Word[], tolerance = 0.5): [Word, Word][] {
  const found: [Word, Word][] = [];
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i] as Word;
      const b = words[j] as Word;
      const dx = Math.min(a.right, b.right) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > tolerance && dy > tolerance) found.push([a, b]);
    }
  return found;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
}

/** Pages with their size and word boxes (pdftotext -bbox). */
function pages(pdf: string): Page[] {
  const r = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout
    .split('<page ')
    .slice(1)
    .map((chunk) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/u.exec(chunk);
      const words = [
        ...chunk.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</gu),
      ].map((m) => ({
        text: m[5] as string,
        x: Number(m[1]),
        y: Number(m[2]),
        right: Number(m[3]),
        height: Number(m[4]) - Number(m[2]),
      }));
      return { width: Number(size?.[1]), height: Number(size?.[2]), words };
    });
}

const CJK = /[\u4e00-\u9fff]/u;
/** Height of the smallest CJK text on a page, in points of font size. */
const smallestFont = (page: Page, boxPerPt: number) =>
  Math.min(...page.words.filter((w) => CJK.test(w.text)).map((w) => w.height)) / boxPerPt;

let boxPerPt = 0;
beforeAll(async () => {
  // Calibration: 10 pt 宋体 (the forms' font, as LibreOffice substitutes it) at 100 %.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('校准');
  ws.getCell('A1').value = '项目名称';
  ws.getCell('A1').font = { name: '宋体', size: 10 };
  ws.pageSetup = { paperSize: 8 as ExcelJS.PaperSize, orientation: 'landscape', scale: 100 };
  const file = tmp.path('校准.xlsx');
  await wb.xlsx.writeFile(file);
  const [page] = pages(toPdf(file));
  boxPerPt = (page?.words[0]?.height ?? 0) / 10;
  expect(boxPerPt).toBeGreaterThan(0.9);
  expect(boxPerPt).toBeLessThan(1.5);
}, 120_000);

const A3_LANDSCAPE = { width: 1190.55, height: 841.89 };

describe('the printed forms (spec §5), measured in LibreOffice’s PDF', () => {
  it('附件5 台账: A3 landscape, ≥ 8 pt, two pages wide with 序号/项目名称 and the header repeated', async () => {
    const template = tmp.path('模板.xlsx');
    expect((await cli('template', '--out', template, '--rows', '60', '--unit', '保家镇人民政府')).code).toBe(0);
    const filled = tmp.path('台账.xlsx');
    await fillTemplate(
      template,
      filled,
      Array.from({ length: 60 }, (_, i) => variedProject(i)),
      { updatedAt: '2026-11-19' },
    );
    const printed = pages(toPdf(filled));
    expect(printed.length).toBeGreaterThanOrEqual(4);
    for (const [i, page] of printed.entries()) {
      expect(page.width, `page ${i + 1}`).toBeCloseTo(A3_LANDSCAPE.width, 0);
      expect(page.height, `page ${i + 1}`).toBeCloseTo(A3_LANDSCAPE.height, 0);
      expect(smallestFont(page, boxPerPt), `page ${i + 1}`).toBeGreaterThanOrEqual(8);
    }
    const text = (p: Page | undefined) => (p?.words ?? []).map((w) => w.text).join(' ');
    const [first, second, third] = printed;
    // Page 1: the title and the 填报单位 line, the left half of the columns.
    expect(text(first)).toContain('彭水自治县经营性帮扶产业项目“四个一批”管理台账');
    expect(text(first)).toContain('填报单位：保家镇人民政府');
    expect(text(first)).toContain('更新时间');
    expect(text(first)).toContain('投资规模（万元）');
    expect(text(first)).not.toContain('处置整改措施');
    // Page 2 (across): the right half, with 序号 and 项目名称 repeated and the header rows on top.
    for (const label of ['序号', '项目名称', '项目现状', '处置整改措施', '备注']) expect(text(second)).toContain(label);
    expect(text(second)).not.toContain('投资规模（万元）');
    // The same projects, row by row: 项目名称 repeated beside their right-half cells.
    expect(text(second)).toContain('保家镇产业项目1');
    // Page 3 (down): the header rows repeated above the later projects.
    for (const label of ['序号', '项目名称', '投资规模（万元）']) expect(text(third)).toContain(label);
    const headerY = third?.words.find((w) => w.text === '项目名称')?.y ?? Infinity;
    const firstProjectY = Math.min(
      ...(third?.words.filter((w) => /产业项目\d+/u.test(w.text)).map((w) => w.y) ?? [Infinity]),
    );
    expect(headerY).toBeLessThan(firstProjectY);
    expect(text(third)).not.toContain('管理台账');
  }, 180_000);

  it('附件4 统计表: A3 landscape, one page wide at ≥ 8 pt, header rows repeated', async () => {
    const template = tmp.path('模板4.xlsx');
    await cli('template', '--out', template, '--rows', '40');
    const dir = tmp.path('各单位');
    mkdirSync(dir);
    const units = Array.from({ length: 45 }, (_, i) => `测试${i + 1}镇`);
    for (const [i, unit] of units.entries())
      await fillTemplate(
        template,
        join(dir, `${unit}.xlsx`),
        Array.from({ length: 3 }, (_, k) => variedProject(k + i)),
        { unit, updatedAt: '2026-11-19' },
      );
    const out = tmp.path('统计表.xlsx');
    expect((await cli('aggregate', dir, '--out', out)).code).toBeLessThan(2);
    const printed = pages(toPdf(out));
    expect(printed.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of printed.entries()) {
      expect(page.width).toBeCloseTo(A3_LANDSCAPE.width, 0);
      expect(page.height).toBeCloseTo(A3_LANDSCAPE.height, 0);
      expect(smallestFont(page, boxPerPt), `page ${i + 1}`).toBeGreaterThanOrEqual(8);
      const words = page.words.map((w) => w.text).join(' ');
      // One page wide: every page carries both ends of the header.
      expect(words, `page ${i + 1}`).toContain('序号');
      expect(words, `page ${i + 1}`).toContain('发挥联农带农不充分');
    }
    const first = printed[0]?.words.map((w) => w.text).join(' ') ?? '';
    expect(first).toContain('彭水自治县经营性帮扶产业项目“四个一批”分类统计表');
    expect(first).toContain('填报单位');
    expect(printed[1]?.words.map((w) => w.text).join(' ')).not.toContain('分类统计表');
  }, 240_000);

  it('the 校验结果 sheet: Beijing time, wrapped text, no text box overlapping another', async () => {
    const template = tmp.path('模板-校验.xlsx');
    await cli('template', '--out', template, '--rows', '12');
    const filled = tmp.path('有错.xlsx');
    await fillTemplate(
      template,
      filled,
      [
        project(0, { category: null, contact: '王五' }),
        variedProject(1),
        project(2, { investTotal: 70, problems: '停产、亏损、未足额分红', causes: '其他' }),
        project(3, { year: 1999, mode: '承包' }),
        project(4, { functionStatus: '损坏', useStatus: '闲置' }),
      ],
      { updatedAt: '2026-11-19' },
    );
    const annotated = tmp.path('有错-标注.xlsx');
    expect((await cli('validate', filled, '--annotate', annotated)).code).toBe(1);
    const result = pages(toPdf(annotated)).filter((p) => p.words.some((w) => w.text.startsWith('校验结果：')));
    expect(result.length).toBeGreaterThan(0);
    const words = result.flatMap((p) => p.words);
    expect(words.map((w) => w.text).join('')).toMatch(/校验时间：\d{4}-\d{2}-\d{2}\d{2}:\d{2}（北京时间）/u);
    // Long 说明 texts wrap onto more lines within their row.
    const lines = new Set(words.filter((w) => /[\u4e00-\u9fff]/u.test(w.text)).map((w) => Math.round(w.y)));
    expect(lines.size).toBeGreaterThan(8);
    for (const page of result) expect(overlaps(page.words)).toEqual([]);
  }, 180_000);
});

describe('the overlap check itself', () => {
  const box = (x: number, y: number, w = 10, h = 10) => ({ text: 'x', x, y, right: x + w, height: h });
  it('finds boxes that overlap, not boxes that touch', () => {
    expect(overlaps([box(0, 0), box(5, 5)])).toHaveLength(1);
    expect(overlaps([box(0, 0), box(10, 0), box(0, 10)])).toEqual([]);
  });
});
