/** GET /api/v1/me: who the token belongs to. */
import { Hono } from 'hono/tiny';
import type { Me } from '../../shared/api.js';
import type { AppEnv } from '../env.js';

export const me = new Hono<AppEnv>().get('/', (c) => {
  const p = c.get('principal');
  const body: Me = {
    role: p.role,
    unit: p.unit ? { name: p.unit.name, type: p.unit.type } : null,
    credentialId: p.credentialId,
    label: p.label,
  };
  return c.json(body);
});
