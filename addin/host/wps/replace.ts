/** Replacing a sheet this add-in wrote before (the 校验结果 export), never another one. */
import { inFamily, OWNER_PROBE } from '../common.js';
import type { SheetSpec } from '../types.js';
import { activeBook, listEntries, quietly, type WpsState } from './book.js';
import { readBlock } from './read.js';
import { writeSheet } from './render.js';

export function replaceSheet(st: WpsState, spec: SheetSpec, owned: (top: unknown[][]) => boolean): string {
  const mine = listEntries(activeBook(st)).find(
    (e) => inFamily(e.name, spec.name) && owned(readBlock(e.sheet, { top: 0, left: 0, ...OWNER_PROBE })),
  );
  if (!mine) return writeSheet(st, spec);
  // Deleting a sheet asks for confirmation in WPS: alerts off.
  quietly(st, () => mine.sheet.Delete());
  return writeSheet(st, { ...spec, name: mine.name });
}
