/** What every command that talks to the county service shares: server and token, the client, the period option, JSON output. */
import type { ServiceApi } from '../shared/api/service.js';
import { PERIOD_FORMAT, parsePeriod, periodFormatError, weekOf } from '../shared/index.js';
import { UsageError } from './errors.js';
import type { Io } from './index.js';

export interface Connection {
  server?: string;
  token?: string;
}

/** --server / --token, else SIGE_SERVER / SIGE_TOKEN; a usage error naming what is missing. */
export function connection(opts: Connection, io: Io): { server: string; token: string } {
  const server = opts.server ?? io.env.SIGE_SERVER;
  const token = opts.token ?? io.env.SIGE_TOKEN;
  if (!server)
    throw new UsageError('缺少服务器地址：用 --server 或环境变量 SIGE_SERVER 指定，如 https://county.example.org');
  if (!token) throw new UsageError('缺少访问令牌：用 --token 或环境变量 SIGE_TOKEN 指定（由县乡村振兴局发放）');
  return { server, token };
}

/** The county service for these options (the client, and zod with it, is loaded only now: faster start-up). */
export async function remoteService(opts: Connection, io: Io): Promise<ServiceApi> {
  const { server, token } = connection(opts, io);
  const { cliService } = await import('./remote.js');
  return cliService(server, token, io.remote);
}

/** A --period value; this week when optional and absent. */
export function periodOption(id: string | undefined, required: boolean): string {
  if (id === undefined) {
    if (required) throw new UsageError(`缺少报送期次：用 --period 指定，如 ${PERIOD_FORMAT}`);
    return weekOf(new Date());
  }
  if (!parsePeriod(id)) throw new UsageError(`${periodFormatError(id)}。`);
  return id;
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
