/**
 * The county's Thursday routine on the command line (spec §10), county token:
 *   status --period P [--json]                 board, reporting / timeliness rates, 催报名单
 *   accept --period P --unit U                 accept U's latest submission (locks the period for U)
 *   reopen --period P --unit U                 take the acceptance back
 *   close --period P [--at ISO]                close the period for everyone (default now)
 *   exception --period P --unit U [--remove]   let U submit after closing (or take it back)
 *   audit --period P [--json]                  who accepted / reopened / closed, when
 *   trend --from P1 --to P2 [--unit U] [--out f.xlsx] [--json]
 * Exit codes as elsewhere: 0 done; 2 bad command line, server unreachable or refused.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { beijingTime, periodRange } from '../shared/index.js';
import { TREND_SHEET_NAME, trendLayout } from '../shared/trend-layout.js';
import { type Connection, connection, json, periodOption } from './connection.js';
import { UsageError } from './errors.js';
import type { Io } from './index.js';
import type { RemoteOptions } from './remote.js';

const client = () => import('./county-client.js');

function unitName(u: string | undefined): string {
  if (!u || u.trim() === '') throw new UsageError('缺少单位：用 --unit 指定报送单位名称，如 --unit 保家镇');
  return u.trim();
}

const SERVER_OPTIONS: [string, string][] = [
  ['--server <url>', '县级服务地址（或环境变量 SIGE_SERVER） / county service URL (or SIGE_SERVER)'],
  ['--token <token>', '县级令牌（或环境变量 SIGE_TOKEN） / county token (or SIGE_TOKEN)'],
];

function withServer(cmd: Command): Command {
  for (const [flags, text] of SERVER_OPTIONS) cmd.option(flags, text);
  return cmd;
}

const ACTION_TEXT = {
  accept: '确认',
  reopen: '退回',
  close: '关闭收报',
  exception: '开放例外',
  'exception-removed': '取消例外',
} as const;

/** Registers the county's Thursday commands (io.remote lets tests pass a fetch). */
export function registerCountyCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  const remote: RemoteOptions = io.remote ?? {};

  withServer(
    program
      .command('status')
      .summary('查看报送情况、报送率和及时率 / who has reported, rates')
      .description(
        '查看各单位某期的报送情况（按时、逾期、未报、已确认）、报送率、及时率和催报名单（含联系人）。\n' +
          'Show who has reported for a period, the reporting and timeliness rates and whom to chase.',
      )
      .option('--period <id>', '报送期次（默认本周） / reporting period (default: this week)')
      .option('--json', '输出 JSON / print JSON'),
  ).action(async (opts: Connection & { period?: string; json?: boolean }) => {
    const id = periodOption(opts.period, false);
    const { server, token } = connection(opts, io);
    const { fetchBoard, formatBoard, statusJson } = await client();
    const board = await fetchBoard(server, token, id, remote);
    io.out(opts.json ? json(statusJson(board)) : formatBoard(board));
    setExit(0);
  });

  for (const action of ['accept', 'reopen'] as const) {
    withServer(
      program
        .command(action)
        .summary(
          action === 'accept'
            ? '确认单位本期报送（锁定） / accept a unit’s submission (locks it)'
            : '退回已确认的报送 / reopen an accepted period for a unit',
        )
        .option('--period <id>', '报送期次（必填） / reporting period (required)')
        .option('--unit <name>', '报送单位（必填） / reporting unit (required)'),
    ).action(async (opts: Connection & { period?: string; unit?: string }) => {
      const id = periodOption(opts.period, true);
      const unit = unitName(opts.unit);
      const { server, token } = connection(opts, io);
      const { periodAction } = await client();
      const e = await periodAction(server, token, id, action, { unit }, remote);
      io.out(
        action === 'accept'
          ? `已确认：${unit} ${id} 的报送（${beijingTime(e.at)}，${e.by.label ?? e.by.credentialId}）。该单位本期不能再报送，除非退回（reopen）。\n`
          : `已退回：${unit} ${id}（${beijingTime(e.at)}）。该单位可以重新报送。\n`,
      );
      setExit(0);
    });
  }

  withServer(
    program
      .command('close')
      .summary('设定本期截止收报时间 / close a period for everyone')
      .description(
        '设定某期的截止收报时间（须在截止时间之后；默认现在）：此后各单位不能再报送，开放例外的单位除外。\n' +
          'Close a period for every unit at a time after its deadline (default now); per-unit exceptions apply.',
      )
      .option('--period <id>', '报送期次（必填） / reporting period (required)')
      .option('--at <iso>', '关闭时间，ISO 8601，如 2026-11-20T16:00:00+08:00 / closing time'),
  ).action(async (opts: Connection & { period?: string; at?: string }) => {
    const id = periodOption(opts.period, true);
    if (opts.at !== undefined && Number.isNaN(Date.parse(opts.at)))
      throw new UsageError(`关闭时间“${opts.at}”格式不对：应为 ISO 8601，如 2026-11-20T16:00:00+08:00`);
    const at = opts.at === undefined ? undefined : new Date(opts.at).toISOString();
    const { server, token } = connection(opts, io);
    const { periodAction } = await client();
    const e = await periodAction(server, token, id, 'close', at ? { at } : {}, remote);
    io.out(`已设定：${id} 于 ${beijingTime(e.detail ?? e.at)} 截止收报。\n`);
    setExit(0);
  });

  withServer(
    program
      .command('exception')
      .summary('截止收报后允许某单位补报 / let a unit submit after closing')
      .option('--period <id>', '报送期次（必填） / reporting period (required)')
      .option('--unit <name>', '报送单位（必填） / reporting unit (required)')
      .option('--remove', '取消例外 / take the exception back'),
  ).action(async (opts: Connection & { period?: string; unit?: string; remove?: boolean }) => {
    const id = periodOption(opts.period, true);
    const unit = unitName(opts.unit);
    const { server, token } = connection(opts, io);
    const { periodAction } = await client();
    await periodAction(server, token, id, 'exceptions', { unit, allow: !opts.remove }, remote);
    io.out(opts.remove ? `已取消 ${unit} ${id} 的例外。\n` : `已允许 ${unit} 在 ${id} 截止收报后补报。\n`);
    setExit(0);
  });

  withServer(
    program
      .command('audit')
      .summary('确认、退回、关闭记录 / audit of accept, reopen, close')
      .option('--period <id>', '报送期次（默认本周） / reporting period (default: this week)')
      .option('--json', '输出 JSON / print JSON'),
  ).action(async (opts: Connection & { period?: string; json?: boolean }) => {
    const id = periodOption(opts.period, false);
    const { server, token } = connection(opts, io);
    const { fetchAudit } = await client();
    const a = await fetchAudit(server, token, id, remote);
    if (opts.json) io.out(json(a));
    else if (a.entries.length === 0) io.out(`${id} 没有确认、退回、关闭或例外记录。\n`);
    else
      io.out(
        `${a.entries
          .map(
            (e) =>
              `${beijingTime(e.at)}  ${ACTION_TEXT[e.action]}  ${e.unit ?? '全部单位'}${e.action === 'close' && e.detail ? `（${beijingTime(e.detail)} 截止）` : ''}  ${e.by.label ?? ''}（令牌 ${e.by.credentialId}）`,
          )
          .join('\n')}\n`,
      );
    setExit(0);
  });

  withServer(
    program
      .command('trend')
      .summary('报送率和三项比率趋势 / trend of the rates')
      .description(
        '各期的报送率、及时率和停产闲置率、经营困难率、未按约定联农带农率（全县和各单位），可写成带折线图的 xlsx。\n' +
          'Reporting rate, timeliness rate and the three rates per period (county and units); optionally an .xlsx with a line chart.',
      )
      .option('--from <id>', '起始期次（必填） / first period (required)')
      .option('--to <id>', '结束期次（必填） / last period (required)')
      .option('--unit <name>', '只看一个单位 / one unit only')
      .option('--out <file>', '写出趋势表（含折线图） / write the trend workbook with a chart (.xlsx)')
      .option('--county <name>', '县（区）名称，用于标题 / county in the title')
      .option('-f, --force', '覆盖已存在的输出文件 / overwrite an existing output file')
      .option('--json', '输出 JSON / print JSON'),
  ).action(
    async (
      opts: Connection & {
        from?: string;
        to?: string;
        unit?: string;
        out?: string;
        county?: string;
        force?: boolean;
        json?: boolean;
      },
    ) => {
      if (!opts.from || !opts.to)
        throw new UsageError('缺少起止期次：用 --from 和 --to 指定，如 --from 2026-W01 --to 2026-W52');
      const from = periodOption(opts.from, true);
      const to = periodOption(opts.to, true);
      const range = periodRange(from, to);
      if (typeof range === 'string') throw new UsageError(range);
      if (opts.out && !/\.xlsx$/iu.test(opts.out)) throw new UsageError(`输出文件“${opts.out}”应以 .xlsx 结尾。`);
      if (opts.out && !opts.force && existsSync(opts.out))
        throw new UsageError(`输出文件“${opts.out}”已存在：换一个文件名，或加 --force 覆盖。`);
      const { server, token } = connection(opts, io);
      const { fetchTrend, formatTrend } = await client();
      const t = await fetchTrend(server, token, { from, to, unit: opts.unit }, remote);
      if (opts.out) await writeTrendWorkbook(t, opts.out, opts.county);
      io.out(opts.json ? json(t) : formatTrend(t));
      if (opts.out) (opts.json ? io.err : io.out)(`已写入趋势表（含折线图）：${opts.out}\n`);
      setExit(0);
    },
  );
}

/** The trend layout through ExcelJS, then the line chart part added to its first sheet. */
export async function writeTrendWorkbook(
  t: Awaited<ReturnType<Awaited<ReturnType<typeof client>>['fetchTrend']>>,
  out: string,
  county?: string,
): Promise<void> {
  const [{ layoutBuffer, writeBytesAtomically }, { addLineChart }] = await Promise.all([
    import('./workbook-write.js'),
    import('./xlsx-chart.js'),
  ]);
  const layout = trendLayout(t, { county });
  const c = layout.chart;
  const col = (i: number) => String.fromCharCode(65 + i);
  const ref = (ci: number, r0: number, r1 = r0) =>
    `'${TREND_SHEET_NAME}'!$${col(ci)}$${r0 + 1}${r1 === r0 ? '' : `:$${col(ci)}$${r1 + 1}`}`;
  let bytes: Uint8Array = await layoutBuffer({ sheets: layout.sheets });
  if (c.lastDataRow >= c.firstDataRow)
    bytes = await addLineChart(bytes, {
      sheet: 1,
      title: c.title,
      categories: ref(c.categoryCol, c.firstDataRow, c.lastDataRow),
      series: c.seriesCols.map((s) => ({
        name: ref(s, c.headerRow),
        values: ref(s, c.firstDataRow, c.lastDataRow),
      })),
      from: { col: c.anchor.left, row: c.anchor.top },
      to: { col: c.anchor.right + 1, row: c.anchor.bottom + 1 },
      valueFormat: '0%',
    });
  await writeBytesAtomically(bytes, out);
}
