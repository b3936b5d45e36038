/**
 * `submit`, `summary` and `status`: the commands that talk to the county service, on top of the
 * client functions of cli/remote.ts. Server and token come from --server/--token or the
 * environment (SIGE_SERVER, SIGE_TOKEN).
 *
 * Exit codes: 0 done; 1 the ledger has errors (checked here first, or refused by the server with
 * its issue list); 2 cannot read the file, reach the server, or the command line is wrong.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Issue } from '../shared/index.js';
import { beijingStamp, countyCoverage, countyNotes, summaryRows } from '../shared/index.js';
import { capIssues } from '../shared/issue-cap.js';
import { formatStatsTable } from './aggregate.js';
import { type Connection, connection, json, periodOption } from './connection.js';
import { UsageError } from './errors.js';
import type { Io } from './index.js';
import { statsJson } from './json.js';
import type { RemoteOptions } from './remote.js';
import { formatReport } from './report.js';
import { SubmitState, stateDir } from './submit-state.js';
import { validateFile } from './validate.js';
import { writeLayout } from './workbook-write.js';

/** The HTTP client (and zod with it) is loaded only when a remote command runs: faster start-up. */
const client = () => import('./remote.js');

function issueLines(issues: readonly Issue[]): string {
  return capIssues(issues)
    .map((i) => `  ${i.severity === 'error' ? '✗ 错误' : '! 提示'} ${i.cell ? `[${i.cell}] ` : ''}${i.message}`)
    .join('\n');
}

const SERVER_OPTIONS: [string, string][] = [
  ['--server <url>', '县级服务地址（或环境变量 SIGE_SERVER） / county service URL (or SIGE_SERVER)'],
  ['--token <token>', '访问令牌（或环境变量 SIGE_TOKEN） / access token (or SIGE_TOKEN)'],
];

/** Registers submit and summary on the program (status: county-commands.ts) (io.remote lets tests pass a fetch). */
export function registerRemoteCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  const remote: RemoteOptions = io.remote ?? {};
  const submit = program
    .command('submit')
    .summary('报送台账到县级服务 / submit a ledger to the county service')
    .description(
      '把台账报送到县级服务：先按上报要求在本地校验，有错误不报送；重复报送相同内容不会重复入库。\n' +
        'Submit a ledger to the county service: validated locally first; resending the same content is harmless.',
    )
    .argument('<file>', '台账文件 / ledger workbook (.xlsx)')
    .option('--period <id>', '报送期次，如 2026-W47 或 2026-11（必填） / reporting period (required)')
    .option('--sheet <name>', '指定台账所在工作表 / the ledger sheet')
    .option('--dry-run', '只试报：服务器校验并列出与上次报送相比的变化，不入库 / check on the server, store nothing')
    .option(
      '--key <key>',
      '幂等键（默认每次报送新生成，未完成时保存以便续报） / Idempotency-Key (default: a fresh one per submission, kept until it is settled)',
    )
    .option('--json', '输出回执 JSON / print the receipt as JSON');
  for (const [flags, text] of SERVER_OPTIONS) submit.option(flags, text);
  submit.action(
    async (
      file: string,
      opts: Connection & { period?: string; sheet?: string; dryRun?: boolean; key?: string; json?: boolean },
    ) => {
      const id = periodOption(opts.period, true);
      const { server, token } = connection(opts, io);
      const { checkRemotely, ledgerSubmission, RemoteError, submitLedger } = await client();
      const local = await validateFile(file, { sheet: opts.sheet, mode: 'submission' });
      if (local.report.errors > 0) {
        io.out(`${formatReport(local, 'submission')}\n未报送：请先改正以上错误。\n`);
        setExit(1);
        return;
      }
      const submission = ledgerSubmission(file, local.report, id);
      try {
        if (opts.dryRun) {
          const receipt = await checkRemotely(server, token, submission, remote);
          if (opts.json) io.out(json(receipt));
          else {
            const d = receipt.diff;
            io.out(
              `试报通过（未入库）：${receipt.unit}，${id}，项目 ${receipt.rows} 个，提示 ${receipt.warnings} 个。\n` +
                `与${d.previous ? `上次报送（${d.previous.period}，${beijingStamp(d.previous.receivedAt)}）` : '此前（无报送记录）'}相比：` +
                `新增 ${d.counts?.added ?? d.added.length} 个，减少 ${d.counts?.removed ?? d.removed.length} 个，调整分类 ${d.counts?.reclassified ?? d.reclassified.length} 个。\n` +
                d.reclassified
                  .map((r) => `  ${r.code} ${r.name}：${r.from ?? '未分类'} → ${r.to ?? '未分类'}\n`)
                  .join('') +
                (d.warnings ?? []).map((w) => `! 提示 ${w}\n`).join(''),
            );
          }
          setExit(0);
          return;
        }
        // A fresh key per submission attempt, kept until the server settles it (cli/submit-state.ts).
        const state = opts.key ? null : new SubmitState(stateDir(io.env), server, id, file);
        const attempt = state?.begin(JSON.stringify(submission)) ?? null;
        const key = opts.key ?? attempt?.key ?? '';
        if (attempt?.resumed) io.err(`续报上次未完成的报送（同一幂等键，服务器不会重复入库）。\n`);
        let result: Awaited<ReturnType<typeof submitLedger>>;
        try {
          result = await submitLedger(server, token, submission, key, {
            ...remote,
            onRetry: (n, waitMs, error) =>
              io.err(
                `第 ${n} 次报送未完成（${error.message}），${Math.round(waitMs / 1000)} 秒后用同一幂等键重试；最多重试约 1 分钟，不会重复入库……\n`,
              ),
          });
        } catch (error) {
          // Answered with a refusal: the attempt is over. No answer: keep the key for a re-run.
          if (error instanceof RemoteError && error.status >= 400 && error.status < 500 && error.status !== 409)
            state?.retire();
          else if (error instanceof RemoteError && state)
            throw new RemoteError(
              error.status,
              error.code,
              `${error.message}。报送未完成：稍后重新运行同一命令，会用同一幂等键续报，不会重复入库`,
            );
          throw error;
        }
        state?.retire();
        const { receipt, replayed } = result;
        if (opts.json) io.out(json({ ...receipt, replayed }));
        else
          io.out(
            `${replayed ? '服务器此前已收到这次报送，返回原回执' : '报送成功'}：${receipt.unit}，${id}，` +
              `${beijingStamp(receipt.receivedAt)} 收到（${receipt.status === 'on-time' ? '按时' : '逾期'}），` +
              `项目 ${receipt.rows} 个，提示 ${receipt.warnings} 个。回执编号 ${receipt.id}\n`,
          );
        // The server's calendar has no holidays for the deadline's year (spec §6): say so.
        for (const w of receipt.calendarWarnings ?? []) io.err(`提示：${w.message}（截止时间按此推算）。\n`);
        setExit(0);
      } catch (error) {
        // Accepted by the county (已确认) or closed: refused, nothing stored — like a ledger with errors.
        if (error instanceof RemoteError && (error.code === 'period-accepted' || error.code === 'period-closed')) {
          io.out(`服务器拒收：${error.message}\n`);
          setExit(1);
          return;
        }
        // A refusal (422: ledger errors, an empty ledger, a period not open …) exits 1, as documented.
        if (error instanceof RemoteError && error.status === 422) {
          io.out(`服务器拒收：${error.message}\n${issueLines(error.issues)}\n`);
          setExit(1);
          return;
        }
        throw error;
      }
    },
  );

  const summary = program
    .command('summary')
    .summary('取回全县统计表 / fetch the county 统计表')
    .description(
      '从县级服务取回全县分类统计表（每个单位一行加合计），可写成附件4格式的 xlsx。\n' +
        'Fetch the county 统计表 (one row per unit + 合计); optionally write it as the 附件4 workbook.',
    )
    .option('--period <id>', '报送期次（默认本周） / reporting period (default: this week)')
    .option('--out <file>', '写出统计表 / write the 统计表 workbook (.xlsx)')
    .option('--county <name>', '县（区）名称，用于标题 / county in the title')
    .option('--unit <name>', '统计表的填报单位 / 填报单位 of the table')
    .option('-f, --force', '覆盖已存在的输出文件 / overwrite an existing output file')
    .option('--json', '输出 JSON（units/total，与 aggregate --json 同格式） / print JSON like aggregate --json');
  for (const [flags, text] of SERVER_OPTIONS) summary.option(flags, text);
  summary.action(
    async (
      opts: Connection & {
        period?: string;
        out?: string;
        county?: string;
        unit?: string;
        force?: boolean;
        json?: boolean;
      },
    ) => {
      const id = periodOption(opts.period, false);
      const { server, token } = connection(opts, io);
      const { fetchSummary, summaryWorkbook } = await client();
      if (opts.out && !/\.xlsx$/iu.test(opts.out)) throw new UsageError(`输出文件“${opts.out}”应以 .xlsx 结尾。`);
      if (opts.out && !opts.force && existsSync(opts.out))
        throw new UsageError(`输出文件“${opts.out}”已存在：换一个文件名，或加 --force 覆盖。`);
      const s = await fetchSummary(server, token, id, remote);
      if (opts.out) {
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        await writeLayout(
          summaryWorkbook(s, { county: opts.county, unit: opts.unit ?? null, updatedAt: today }),
          opts.out,
        );
      }
      const rows = summaryRows(s);
      const coverage = s.coverage ?? countyCoverage(s.units);
      const notes = s.notes ?? countyNotes(coverage);
      if (opts.json)
        io.out(json({ period: s.period, units: rows.map(statsJson), total: statsJson(s.total), coverage, notes }));
      else io.out(`${s.periodLabel}\n${formatStatsTable(rows, s.total).join('\n')}\n${notes}\n`);
      if (opts.out) (opts.json ? io.err : io.out)(`已写入统计表：${opts.out}\n`);
      setExit(0);
    },
  );
}
