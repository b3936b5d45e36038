/** Replacing a sheet this add-in wrote before (the 校验结果 export), never another one. */
import { inFamily, OWNER_PROBE } from '../common.js';
import type { SheetSpec } from '../types.js';
import { writeSheet } from './render.js';
import type { OfficeState } from './state.js';

export async function replaceSheet(
  st: OfficeState,
  spec: SheetSpec,
  owned: (top: unknown[][]) => boolean,
): Promise<string> {
  const previous = await st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    const family = sheets.items.filter((s) => inFamily(s.name, spec.name));
    const tops = family.map((s) => {
      const range = s.getRangeByIndexes(0, 0, OWNER_PROBE.rows, OWNER_PROBE.cols);
      range.load('values');
      return range;
    });
    await ctx.sync();
    const mine = family.find((_, i) => owned(tops[i]?.values ?? []));
    if (!mine) return null;
    const name = mine.name;
    mine.delete();
    await ctx.sync();
    return name;
  });
  return writeSheet(st, previous === null ? spec : { ...spec, name: previous });
}
