/**
 * SQL for the county's admin commands, built as text because `wrangler d1 execute` takes no bound
 * parameters: every value goes through `sqlText`, which refuses what SQLite literals cannot carry.
 */
import { UNIT_TYPES, type UnitType } from '../shared/api.js';
import type { NewToken } from '../worker/tokens.js';

export class AdminInputError extends Error {}

const MAX_NAME = 50;

/** A SQLite string literal. */
export function sqlText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/u.test(value)) throw new AdminInputError('名称中不能含有控制字符或换行');
  return `'${value.replaceAll("'", "''")}'`;
}

export function checkUnitName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > MAX_NAME) throw new AdminInputError(`单位名称须为 1–${MAX_NAME} 个字符`);
  return n;
}

export function checkUnitType(type: string): UnitType {
  const t = type === '行业部门' ? '部门' : type;
  if (!(UNIT_TYPES as readonly string[]).includes(t)) {
    throw new AdminInputError(`单位类型“${type}”无效：可选 ${UNIT_TYPES.join('、')}（行业部门填“部门”）`);
  }
  return t as UnitType;
}

export function addUnitSql(name: string, type: UnitType, now: Date): string {
  return `INSERT INTO units (name, type, created_at) VALUES (${sqlText(name)}, ${sqlText(type)}, ${sqlText(now.toISOString())})
ON CONFLICT (name) DO NOTHING RETURNING id, name, type;`;
}

/** Issues a token for a unit (by name) or, with `unit` null, for the county. Returns the inserted row. */
export function issueTokenSql(t: NewToken, unit: string | null, label: string | null, now: Date): string {
  const common = `${sqlText(t.id)}, ${sqlText(t.hash)}`;
  const lbl = label === null ? 'NULL' : sqlText(label);
  const at = sqlText(now.toISOString());
  if (unit === null) {
    return `INSERT INTO credentials (id, token_hash, role, unit_id, label, created_at)
VALUES (${common}, 'county', NULL, ${lbl}, ${at}) RETURNING id, role;`;
  }
  return `INSERT INTO credentials (id, token_hash, role, unit_id, label, created_at)
SELECT ${common}, 'unit', id, ${lbl}, ${at} FROM units WHERE name = ${sqlText(unit)} RETURNING id, role;`;
}

export function revokeTokenSql(id: string, now: Date): string {
  return `UPDATE credentials SET revoked_at = ${sqlText(now.toISOString())} WHERE id = ${sqlText(id)} AND revoked_at IS NULL RETURNING id;`;
}

export function revokeUnitTokensSql(unit: string, now: Date): string {
  return `UPDATE credentials SET revoked_at = ${sqlText(now.toISOString())}
WHERE unit_id = (SELECT id FROM units WHERE name = ${sqlText(unit)}) AND revoked_at IS NULL RETURNING id;`;
}

export const LIST_UNITS_SQL = `SELECT u.name, u.type,
  (SELECT COUNT(*) FROM credentials c WHERE c.unit_id = u.id AND c.revoked_at IS NULL) AS tokens
FROM units u ORDER BY u.id;`;

export const LIST_TOKENS_SQL = `SELECT c.id, c.role, u.name AS unit, c.label, c.created_at, c.revoked_at
FROM credentials c LEFT JOIN units u ON u.id = c.unit_id ORDER BY c.created_at;`;

/** A contact person's name: 1–20 characters. */
export function checkContactName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 20) throw new AdminInputError(`联系人姓名须为 1–20 个字符，收到“${name}”`);
  return n;
}

/** A phone number as clerks write it: digits with optional +, -, spaces or parentheses, 7–20 characters. */
export function checkPhone(phone: string): string {
  const p = phone.trim();
  if (!/^\+?[\d\s()-]{7,20}$/u.test(p) || (p.match(/\d/gu)?.length ?? 0) < 7)
    throw new AdminInputError(`联系电话“${phone}”无效：应为手机号（如 13800000000）或座机号（如 023-78441234）`);
  return p;
}

/** Sets a unit's contact person and phone (for the 催报名单). Returns the updated row, none if no such unit. */
export function unitContactSql(unit: string, name: string | null, phone: string | null): string {
  const sets: string[] = [];
  if (name !== null) sets.push(`contact_name = ${sqlText(name)}`);
  if (phone !== null) sets.push(`contact_phone = ${sqlText(phone)}`);
  if (sets.length === 0) throw new AdminInputError('请用 --name 和/或 --phone 指定联系人和电话');
  return `UPDATE units SET ${sets.join(', ')} WHERE name = ${sqlText(unit)} RETURNING name, contact_name, contact_phone;`;
}
