/**
 * County admin commands, run on the county's machine against D1 through wrangler:
 *   npm run admin -- unit add 保家镇 --type 乡镇
 *   npm run admin -- unit list
 *   npm run admin -- unit contact 保家镇 --name 张三 --phone 13800000000   (催报名单 contact)
 *   npm run admin -- token issue 保家镇 [--label 说明]     (a unit's token, shown once)
 *   npm run admin -- token issue --county [--label 说明]   (a county token)
 *   npm run admin -- token revoke <令牌编号> | --unit 保家镇
 *   npm run admin -- token list
 *   npm run admin -- holiday add 2027 --file 2027.json | --holidays 2027-10-01~2027-10-07 --workdays 2027-10-09
 *   npm run admin -- holiday list | holiday remove 2027
 *   npm run admin -- deadline set 2026-W40 2026-10-09T16:00 | deadline clear 2026-W40 | deadline list
 * Local D1 by default; `--remote` for the deployed database, `--persist-to DIR` for another local state.
 */
import { Command } from 'commander';
import { newToken } from '../worker/tokens.js';
import { registerCalendarCommands } from './admin-calendar-commands.js';
import {
  AdminInputError,
  addUnitSql,
  checkContactName,
  checkPhone,
  checkUnitName,
  checkUnitType,
  issueTokenSql,
  LIST_TOKENS_SQL,
  LIST_UNITS_SQL,
  revokeTokenSql,
  revokeUnitTokensSql,
  unitContactSql,
} from './admin-sql.js';
import { executeSql, type Target, WranglerError } from './wrangler.js';

function target(cmd: Command): Target {
  const o = cmd.optsWithGlobals<{ remote?: boolean; persistTo?: string }>();
  return { remote: o.remote, persistTo: o.persistTo };
}

function first(sql: string, t: Target): Record<string, unknown>[] {
  return executeSql(sql, t)[0] ?? [];
}

/** Issues a token; the caller prints it (once). */
async function issueToken(unit: string | null, label: string | null, t: Target): Promise<string> {
  const token = await newToken();
  const rows = first(issueTokenSql(token, unit, label, new Date()), t);
  if (rows.length !== 1) throw new AdminInputError(`没有名为“${unit}”的单位：先运行 unit add`);
  return `${token.token}`;
}

const program = new Command('admin')
  .description('四个一批台账 县级管理：报送单位与令牌')
  .option('--remote', '操作已部署的 D1（默认操作本地 D1）')
  .option('--persist-to <dir>', '本地 D1 状态目录（默认 .wrangler/state）')
  .showHelpAfterError();

const unit = program.command('unit').description('报送单位');
unit
  .command('add <name>')
  .description('新增报送单位')
  .requiredOption('--type <type>', '单位类型：乡镇、街道或部门')
  .action((name: string, opts: { type: string }, cmd: Command) => {
    const n = checkUnitName(name);
    const rows = first(addUnitSql(n, checkUnitType(opts.type), new Date()), target(cmd));
    if (rows.length === 0) throw new AdminInputError(`单位“${n}”已存在`);
    console.log(`已新增报送单位：${n}（${opts.type}）。下一步：npm run admin -- token issue ${n}`);
  });
unit
  .command('list')
  .description('列出报送单位及其有效令牌数')
  .action((_opts: unknown, cmd: Command) => {
    const rows = first(LIST_UNITS_SQL, target(cmd));
    if (rows.length === 0) console.log('还没有报送单位。');
    for (const r of rows) console.log(`${r.name}\t${r.type}\t有效令牌 ${r.tokens} 个`);
  });

unit
  .command('contact <name>')
  .description('设置单位的联系人和电话（县级催报名单使用）')
  .option('--name <person>', '联系人姓名')
  .option('--phone <phone>', '联系电话（手机或座机）')
  .action((name: string, opts: { name?: string; phone?: string }, cmd: Command) => {
    const n = checkUnitName(name);
    const person = opts.name === undefined ? null : checkContactName(opts.name);
    const phone = opts.phone === undefined ? null : checkPhone(opts.phone);
    const rows = first(unitContactSql(n, person, phone), target(cmd));
    if (rows.length === 0) throw new AdminInputError(`没有名为“${n}”的单位：先运行 unit add`);
    const r = rows[0] ?? {};
    console.log(`已设置“${n}”的联系人：${r.contact_name ?? '（未填）'} ${r.contact_phone ?? '（未填）'}`);
  });

const token = program.command('token').description('访问令牌（只保存其 SHA-256，明文仅在签发时显示一次）');
token
  .command('issue [unit]')
  .description('为报送单位（或 --county 为县级）签发令牌')
  .option('--county', '签发县级令牌（可查看全部单位、汇总和明细）')
  .option('--label <text>', '备注，如使用人')
  .action(async (unitName: string | undefined, opts: { county?: boolean; label?: string }, cmd: Command) => {
    if (!opts.county && !unitName) throw new AdminInputError('请指定单位名称，或用 --county 签发县级令牌');
    if (opts.county && unitName) throw new AdminInputError('--county 与单位名称只能二选一');
    const value = await issueToken(opts.county ? null : checkUnitName(unitName ?? ''), opts.label ?? null, target(cmd));
    console.log(`${opts.county ? '县级' : `“${unitName}”的`}令牌（只显示这一次，请立即妥善交付）：\n${value}`);
  });
token
  .command('revoke [id]')
  .description('吊销令牌：按令牌编号（sgyp_<编号>_… 中的 12 位编号），或 --unit 吊销该单位全部令牌')
  .option('--unit <name>', '吊销该单位的全部令牌')
  .action((id: string | undefined, opts: { unit?: string }, cmd: Command) => {
    if (!id && !opts.unit) throw new AdminInputError('请指定令牌编号，或用 --unit 指定单位');
    const tokenIdOnly = id?.startsWith('sgyp_') ? id.split('_')[1] : id;
    const sql = opts.unit ? revokeUnitTokensSql(opts.unit, new Date()) : revokeTokenSql(tokenIdOnly ?? '', new Date());
    const rows = first(sql, target(cmd));
    if (rows.length === 0) throw new AdminInputError('没有可吊销的令牌（编号或单位不存在，或已吊销）');
    console.log(`已吊销 ${rows.length} 个令牌：${rows.map((r) => r.id).join('、')}`);
  });
token
  .command('list')
  .description('列出令牌（只显示编号，不显示令牌本身）')
  .action((_opts: unknown, cmd: Command) => {
    for (const r of first(LIST_TOKENS_SQL, target(cmd))) {
      const who = r.role === 'county' ? '县级' : r.unit;
      console.log(
        `${r.id}\t${who}\t${r.label ?? ''}\t签发 ${r.created_at}\t${r.revoked_at ? `已吊销 ${r.revoked_at}` : '有效'}`,
      );
    }
  });

registerCalendarCommands(program, (sql, cmd) => first(sql, target(cmd)));

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AdminInputError || error instanceof WranglerError) {
    const uninitialised = /no such table/u.test(error.message);
    console.error(
      uninitialised
        ? '错误：数据库尚未初始化（没有数据表）：本地请先运行 npm start，或 npx wrangler d1 migrations apply DB --local'
        : `错误：${error.message}`,
    );
    process.exit(1);
  }
  throw error;
});
