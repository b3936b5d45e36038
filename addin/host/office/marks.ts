/**
 * Marks: one values assignment on a hidden flags sheet plus two conditional formats that read it;
 * clearing deletes both, so the sheet is exactly restored.
 */
import { a1 } from '../../../shared/index.js';
import { MARK_STYLES, MARKS_PREFIX, MAX_REQUEST_BYTES, marksSheetName, quoteSheet, sliceBySize } from '../common.js';
import type { MarkPlan } from '../types.js';
import type { HostConditionalFormat, HostContext, HostWorksheet } from './api.js';
import { CF_LOAD, isOurs, type OfficeState } from './state.js';

/** Our conditional format ids on `sheet`: from the last read, else looked up (one sync). */
async function marksOn(st: OfficeState, ctx: HostContext, sheet: HostWorksheet, name: string): Promise<string[]> {
  const known = st.knownMarks.get(name);
  if (known) return known;
  const formats = sheet.getRange().conditionalFormats;
  formats.load(CF_LOAD);
  await ctx.sync();
  return formats.items.filter(isOurs).map((cf) => cf.id);
}

export async function writeMarks(st: OfficeState, name: string, plan: MarkPlan | null): Promise<void> {
  await st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    const sheet = sheets.getItem(name);
    const marksName = marksSheetName(name);
    const old = await marksOn(st, ctx, sheet, name);
    const range = sheet.getRange();
    for (const id of old) range.conditionalFormats.getItem(id).delete();
    if (st.knownSheets.includes(marksName)) sheets.getItem(marksName).delete();
    st.knownMarks.set(name, []);
    st.knownSheets = st.knownSheets.filter((n) => n !== marksName);
    if (!plan || plan.region.rows === 0 || plan.region.cols === 0) {
      await ctx.sync();
      return;
    }
    const { region, flags } = plan;
    const marks = sheets.add(marksName);
    marks.visibility = 'Hidden';
    // Which sheet these marks belong to, for whoever unhides the sheet.
    marks.getRangeByIndexes(0, 0, 1, 1).values = [[name]];
    const slices = sliceBySize(flags, MAX_REQUEST_BYTES);
    for (const [i, slice] of slices.entries()) {
      marks.getRangeByIndexes(region.top + slice.start, region.left, slice.rows.length, region.cols).values =
        slice.rows;
      if (i < slices.length - 1) await ctx.sync();
    }
    const target = sheet.getRangeByIndexes(region.top, region.left, region.rows, region.cols);
    const corner = `${quoteSheet(marksName)}!${a1(region.top + 1, region.left)}`;
    const ids: HostConditionalFormat[] = [];
    for (const style of [MARK_STYLES.error, MARK_STYLES.warning]) {
      const cf = target.conditionalFormats.add('Custom');
      cf.custom.rule.formula = `=${corner}=${style.flag}`;
      cf.custom.format.fill.color = style.fill;
      cf.custom.format.font.color = style.font;
      cf.load('id');
      ids.push(cf);
    }
    await ctx.sync();
    st.knownSheets.push(marksName);
    st.knownMarks.set(
      name,
      ids.map((cf) => cf.id),
    );
  });
}

export async function clearMarks(st: OfficeState): Promise<number> {
  return st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    const all = sheets.items;
    const markSheets = all.filter((s) => s.name.startsWith(MARKS_PREFIX));
    if (markSheets.length === 0) return 0;
    const data = all.filter((s) => !s.name.startsWith(MARKS_PREFIX));
    const formats = data.map((s) => {
      const f = s.getRange().conditionalFormats;
      f.load(CF_LOAD);
      return { sheet: s, f };
    });
    await ctx.sync();
    for (const { sheet, f } of formats) {
      const ours = f.items.filter(isOurs);
      for (const cf of ours) sheet.getRange().conditionalFormats.getItem(cf.id).delete();
      st.knownMarks.set(sheet.name, []);
    }
    for (const s of markSheets) s.delete();
    await ctx.sync();
    st.knownSheets = data.map((s) => s.name);
    return markSheets.length;
  });
}
