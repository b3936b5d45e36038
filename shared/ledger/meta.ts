/**
 * The meta line above a ledger's header (填报单位、审核人、填报人、更新时间), read from the grid
 * rows before the labels.
 */
import { META_LABELS } from './synonyms.js';
import { cellText } from './text.js';
import type { LedgerMeta } from './types.js';

/** The first row above `before` that names a meta label, read into a LedgerMeta. */
export function readMeta(rows: readonly (readonly unknown[])[], before: number): LedgerMeta {
  const meta: LedgerMeta = { unit: null, reviewer: null, filler: null, updatedAt: null };
  for (let r = 0; r < before; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) continue;
    const line = row
      .map(metaCellText)
      .filter((t) => t !== '')
      .join(' ');
    if (!META_LABELS.some((m) => line.includes(m.label))) continue;
    Object.assign(meta, parseMetaLine(line));
    break;
  }
  return meta;
}

/** Dates in the meta line may be real dates or Excel serial numbers next to 更新时间. */
function metaCellText(value: unknown): string {
  if (typeof value === 'number' && value > 20000 && value < 80000) return excelSerialToIso(value);
  return cellText(value);
}

export function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseMetaLine(line: string): Partial<LedgerMeta> {
  const text = line.replace(/[:：]/gu, ':');
  const found: { at: number; end: number; field: (typeof META_LABELS)[number]['field'] }[] = [];
  for (const { label, field } of META_LABELS) {
    const at = text.indexOf(label);
    if (at < 0 || found.some((f) => at >= f.at && at < f.end)) continue;
    found.push({ at, end: at + label.length, field });
  }
  found.sort((a, b) => a.at - b.at);
  const meta: Partial<LedgerMeta> = {};
  found.forEach((f, i) => {
    const raw = text
      .slice(f.end, found[i + 1]?.at ?? text.length)
      .replace(/^\s*:?/u, '')
      .trim();
    if (f.field === 'updatedAt') meta.updatedAt = parseDate(raw);
    else meta[f.field] = raw === '' ? null : raw;
  });
  return meta;
}

/** "2024年5月6日", "2024-05-06", "2024/5/6", "2024.5.6" → "2024-05-06"; anything else → null. */
export function parseDate(text: string): string | null {
  const m = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/u.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
