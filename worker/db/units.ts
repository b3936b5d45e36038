/** Reporting units (乡镇 / 街道 / 部门). */
export interface UnitRecord {
  id: number;
  name: string;
  type: string;
}

export async function listUnits(db: D1Database): Promise<UnitRecord[]> {
  const { results } = await db.prepare('SELECT id, name, type FROM units ORDER BY id').all<UnitRecord>();
  return results;
}

export async function findUnitByName(db: D1Database, name: string): Promise<UnitRecord | null> {
  return db.prepare('SELECT id, name, type FROM units WHERE name = ?').bind(name).first<UnitRecord>();
}

export async function insertUnit(db: D1Database, name: string, type: string, now = new Date()): Promise<UnitRecord> {
  const row = await db
    .prepare('INSERT INTO units (name, type, created_at) VALUES (?, ?, ?) RETURNING id, name, type')
    .bind(name, type, now.toISOString())
    .first<UnitRecord>();
  if (!row) throw new Error('insert unit returned nothing');
  return row;
}
