/**
 * The demo county for `npm start`: 彭水's townships/streets and two departments as reporting units,
 * one token each plus a county token — inserted in one SQL file through wrangler. Tokens exist in
 * clear only in the returned value (the database keeps their SHA-256).
 */
import { newToken } from '../worker/tokens.js';
import { addUnitSql, issueTokenSql, unitContactSql } from './admin-sql.js';
import { DEMO_DEPARTMENTS, DEMO_TOWNSHIPS } from './demo-ledger.js';
import { executeSql, type Target } from './wrangler.js';

export const DEMO_COUNTY = '彭水自治县';

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['明', '华', '丽', '军', '芳', '强', '敏', '静'];

/** A made-up contact person for the demo units' 催报名单. */
function demoContact(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`;
}

export interface SeededCounty {
  county: string;
  units: { name: string; type: string; token: string }[];
}

/** Seeds the demo county into an empty database; null when units already exist. */
export async function seedDemo(t: Target, now = new Date()): Promise<SeededCounty | null> {
  const existing = executeSql('SELECT COUNT(*) AS n FROM units;', t)[0]?.[0]?.n;
  if (Number(existing) > 0) return null;
  const statements: string[] = [];
  const units: SeededCounty['units'] = [];
  for (const [i, u] of [...DEMO_TOWNSHIPS, ...DEMO_DEPARTMENTS].entries()) {
    const token = await newToken();
    statements.push(
      addUnitSql(u.name, u.type, now),
      issueTokenSql(token, u.name, '演示', now),
      unitContactSql(u.name, demoContact(i), `1380000${String(1000 + i).slice(-4)}`),
    );
    units.push({ name: u.name, type: u.type, token: token.token });
  }
  const county = await newToken();
  statements.push(issueTokenSql(county, null, '演示 县乡村振兴局', now));
  executeSql(statements.join('\n'), t);
  return { county: county.token, units };
}
