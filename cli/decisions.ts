/**
 * `decisions`: the county's decision records (spec §8) from the command line.
 *   decisions --period P [--unit U] [--json]   status per project and counts per unit
 *   decisions export --out 审定结果.xlsx         every applied project, to fill in after the meeting
 *   decisions import 审定结果.xlsx               store the filled-in rows (all or nothing)
 *   decisions check 台账.xlsx                    validate a ledger against the approved categories
 *   decisions apply 台账.xlsx [--rows 5,7-9]      (unit) record the 申请 of ledger rows
 *   decisions archive [--tick N --date D] [--out 归档目录.xlsx]  the unit's 归档目录 (附件6)
 * Server and token from --server/--token or SIGE_SERVER/SIGE_TOKEN.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { ImportRow } from '../shared/decisions.js';
import { importSheet, parseImportGrid } from '../shared/decisions-layout.js';
import { IMPORT_SHEET_NAME, STATUSES } from '../shared/decisions-sheet.js';
import { type Connection, connection, json } from './connection.js';
import { FileError, UsageError } from './errors.js';
import type { Io } from './index.js';
import { formatReport } from './report.js';
import { validateFile, validateJson } from './validate.js';
import { openWorkbook, readSheet } from './workbook.js';
import { writeLayout } from './workbook-write.js';

const client = () => import('./decisions-client.js');

const SERVER_OPTIONS: [string, string][] = [
  ['--server <url>', '县级服务地址（或环境变量 SIGE_SERVER） / county service URL'],
  ['--token <token>', '访问令牌（或环境变量 SIGE_TOKEN） / access token'],
];

function service(opts: Connection, io: Io) {
  return { ...connection(opts, io), fetch: io.remote?.fetch };
}

/** The 审定结果 worksheet's layout (shared with the pane). */
export { importSheet } from '../shared/decisions-layout.js';

/** Reads a filled-in 审定结果 worksheet: header found by its labels, one ImportRow per non-blank row. */
export async function readImportFile(file: string): Promise<ImportRow[]> {
  const book = await openWorkbook(file);
  const names = book.workbook.worksheets.map((w) => w.name);
  const name = names.includes(IMPORT_SHEET_NAME) ? IMPORT_SHEET_NAME : names[0];
  if (!name) throw new FileError(file, `“${file}”中没有工作表。`);
  const { grid } = readSheet(book, name);
  const rows = parseImportGrid(grid, { book: `“${file}”`, sheet: name, exportHint: ' decisions export ' });
  if ('error' in rows) throw new FileError(file, rows.error);
  return rows;
}

export function formatDecisionStatus(listing: import('./decisions-client.js').StatusListing): string {
  const lines: string[] = [`决策进度（${listing.period}，截至 ${listing.asOf}）`];
  for (const u of listing.units) {
    const counts = STATUSES.filter((s) => (u.counts[s] ?? 0) > 0)
      .map((s) => `${s} ${u.counts[s]}`)
      .join('，');
    lines.push(`${u.unit}（${u.type}）：${counts || '无项目'}`);
    for (const p of u.projects) {
      if (p.status === '未申请') continue;
      const cat = p.approvedCategory
        ? `审定 ${p.approvedCategory}`
        : p.appliedCategory
          ? `申请 ${p.appliedCategory}`
          : '';
      const until = p.status === '公示中' && p.publicityUntil ? `，公示至 ${p.publicityUntil}` : '';
      lines.push(`  ${p.status}  ${p.code} ${p.name}  ${cat}${p.replyNo ? `（${p.replyNo}）` : ''}${until}`);
      for (const w of p.warnings) lines.push(`    ! 提示 ${w.message}`);
    }
    if (u.truncated) lines.push('  （项目过多，仅列出部分；用 --json 或 --unit 查看）');
  }
  return `${lines.join('\n')}\n`;
}

export function registerDecisionCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  const decisions = program
    .command('decisions')
    .summary('审定、批复、公示等决策记录 / the county decision records')
    .description(
      '查看各单位项目的决策进度（未申请、已申请、已审定、公示中、已批复、处置中、处置完毕、已重新分类），' +
        '导出/导入审定结果，按审定结果校验台账。\nDecision status per project and unit; export/import the 审定结果 sheet.',
    )
    .option('--period <id>', '报送期次（列出该期台账中的项目），如 2026-W47 / period whose ledger projects are listed')
    .option('--unit <name>', '只看这个单位（县级令牌） / only this unit')
    .option('--as-of <YYYY-MM-DD>', '按这一天计算状态（默认今天） / status as of this day')
    .option('--json', '输出 JSON / print JSON');
  for (const [flags, text] of SERVER_OPTIONS) decisions.option(flags, text);
  decisions.action(async (opts: Connection & { period?: string; unit?: string; asOf?: string; json?: boolean }) => {
    if (!opts.period) throw new UsageError('缺少报送期次：用 --period 指定，如 2026-W47（周）或 2026-11（月）');
    const s = service(opts, io);
    const listing = await (await client()).fetchDecisionStatus(s, {
      period: opts.period,
      unit: opts.unit,
      asOf: opts.asOf,
    });
    io.out(opts.json ? json(listing) : formatDecisionStatus(listing));
    setExit(0);
  });

  const exp = decisions
    .command('export')
    .summary('导出审定结果表（县级） / export the 审定结果 sheet')
    .description(
      '导出所有已申请项目的审定结果表：领导小组会后填写审定分类、纪要号、批复文号、公示开始日期，再用 decisions import 导入。',
    )
    .requiredOption('--out <file>', '输出文件 / output file (.xlsx)')
    .option('-f, --force', '覆盖已存在的输出文件 / overwrite');
  for (const [flags, text] of SERVER_OPTIONS) exp.option(flags, text);
  exp.action(async (opts: Connection & { out: string; force?: boolean }) => {
    if (!/\.xlsx$/iu.test(opts.out)) throw new UsageError(`输出文件“${opts.out}”应以 .xlsx 结尾。`);
    if (!opts.force && existsSync(opts.out))
      throw new UsageError(`输出文件“${opts.out}”已存在：换一个文件名，或加 --force 覆盖。`);
    const { rows } = await (await client()).fetchApplications(service({ ...decisions.opts(), ...opts }, io));
    await writeLayout({ sheets: [importSheet(rows)] }, opts.out);
    io.out(`已导出审定结果表（${rows.length} 个已申请项目）：${opts.out}\n`);
    setExit(0);
  });

  const imp = decisions
    .command('import')
    .summary('导入填好的审定结果表（县级） / import a filled-in 审定结果 sheet')
    .description(
      '导入审定结果表：逐行检查，有任何一行不合格则整个文件不导入，并逐行说明原因；重复导入同一文件不会重复记录。',
    )
    .argument('<file>', '审定结果表 / the filled-in sheet (.xlsx)');
  for (const [flags, text] of SERVER_OPTIONS) imp.option(flags, text);
  imp.action(async (file: string, opts: Connection) => {
    const rows = await readImportFile(file);
    const c = await client();
    const { RemoteError } = await import('./remote.js');
    try {
      const r = await c.importDecisions(service({ ...decisions.opts(), ...opts }, io), rows);
      io.out(`已导入审定结果：${r.rows} 行，新增记录 ${r.events} 条，${r.unchanged} 行无新内容。\n`);
      setExit(0);
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'import-refused') {
        io.out(`${error.message}\n${error.issues.map((i) => `  ✗ ${i.message}`).join('\n')}\n`);
        setExit(1);
        return;
      }
      throw error;
    }
  });

  const check = decisions
    .command('check')
    .summary('按审定结果校验台账 / validate a ledger against the approved categories')
    .description('从县级服务取回本单位已审定的分类，校验台账（分类与审定不一致时报 category.unapproved）。')
    .argument('<file>', '台账文件 / ledger workbook (.xlsx)')
    .option('--submission', '按上报要求校验（不一致为错误） / as for submission (a contradiction is an error)')
    .option('--json', '输出 JSON / print JSON');
  for (const [flags, text] of SERVER_OPTIONS) check.option(flags, text);
  check.action(async (file: string, opts: Connection & { submission?: boolean; json?: boolean }) => {
    const parent = decisions.opts() as { unit?: string };
    const { approved } = await (await client()).fetchApproved(
      service({ ...decisions.opts(), ...opts }, io),
      parent.unit,
    );
    const mode = opts.submission ? 'submission' : 'editing';
    const v = await validateFile(file, { mode, approved });
    // --json may land on the parent command (commander reads parent options anywhere).
    const asJson = opts.json === true || (decisions.opts() as { json?: boolean }).json === true;
    io.out(asJson ? json(validateJson(v)) : `${formatReport(v, mode)}\n`);
    setExit(v.report.errors > 0 ? 1 : 0);
  });

  const apply = decisions
    .command('apply')
    .summary('登记申请（报送单位） / record the 申请 of ledger rows')
    .description('把台账中选定项目的申请（申请分类、处置措施、主管层级）登记到县级服务；与生成的申请表一一对应。')
    .argument('<file>', '台账文件 / ledger workbook (.xlsx)')
    .option('--rows <list>', '只登记这些行（工作表行号），如 5,7-9 / only these worksheet rows')
    .option('--tier <tier>', '主管层级：村本级、乡镇（街道）或行业部门 / tier for rows without their own')
    .option('--minutes-no <text>', '党组（委）会纪要号 / minutes number')
    .option('--minutes-date <YYYY-MM-DD>', '党组（委）会日期 / minutes date')
    .option('--sheet <name>', '指定台账所在工作表 / the ledger sheet');
  for (const [flags, text] of SERVER_OPTIONS) apply.option(flags, text);
  apply.action(
    async (
      file: string,
      opts: Connection & { rows?: string; tier?: string; minutesNo?: string; minutesDate?: string; sheet?: string },
    ) => {
      const { parseRowSpec } = await import('../shared/forms/book.js');
      const { projectTier, unitTier } = await import('../shared/forms/tier.js');
      const { optionTier } = await import('./forms.js');
      const rows = opts.rows === undefined ? undefined : parseRowSpec(opts.rows);
      if (typeof rows === 'string') throw new UsageError(`--rows ${rows}`);
      const s = service({ ...decisions.opts(), ...opts }, io);
      const v = await validateFile(file, { sheet: opts.sheet });
      const fallback = optionTier(opts.tier) ?? unitTier({ name: v.report.meta.unit });
      const chosen = rows ? v.report.rows.filter((r) => rows.includes(r.row)) : v.report.rows;
      const missing = rows ? rows.filter((n) => !chosen.some((r) => r.row === n)) : [];
      if (missing.length > 0) throw new UsageError(`第${missing.join('、')}行不是项目行：请检查 --rows。`);
      const blank = chosen.filter((r) => r.category === null || r.code === '');
      if (blank.length > 0)
        throw new UsageError(
          `第${blank.map((r) => r.row).join('、')}行没有「四个一批分类」或「项目编号」：申请须写明申请的分类和项目编号。`,
        );
      const c = await client();
      for (const r of chosen) {
        await c.recordApplication(s, {
          code: r.code,
          name: r.name,
          category: r.category,
          measures: r.measures,
          tier: projectTier(r, fallback),
          ...(opts.minutesNo ? { minutesNo: opts.minutesNo } : {}),
          ...(opts.minutesDate ? { minutesDate: opts.minutesDate } : {}),
        });
      }
      io.out(`已登记申请 ${chosen.length} 个项目：${chosen.map((r) => r.code).join('、')}\n`);
      setExit(0);
    },
  );

  const archive = decisions
    .command('archive')
    .summary('归档目录（附件6）：查看、登记已收、打印 / the 归档目录 checklist')
    .description(
      '查看单位的归档目录（按其项目涉及的主管层级，每层 6 项）；县级可用 --tick 序号 --date 日期 登记已收（--untick 撤销）；--out 另存可打印的归档目录。',
    )
    .option('--tick <n>', '登记第 n 项（附件6 序号 1–18）已收（县级） / tick line n as received')
    .option('--untick <n>', '撤销第 n 项的已收登记（县级） / un-tick line n')
    .option('--date <YYYY-MM-DD>', '收到日期（--tick 时必填） / date received')
    .option('--note <text>', '备注 / note')
    .option('--out <file>', '另存可打印的归档目录 / write the printable checklist (.xlsx)')
    .option('--county <name>', '县（区）名称，用于标题 / county in the title', '彭水自治县')
    .option('-f, --force', '覆盖已存在的输出文件 / overwrite');
  for (const [flags, text] of SERVER_OPTIONS) archive.option(flags, text);
  archive.action(
    async (
      opts: Connection & {
        tick?: string;
        untick?: string;
        date?: string;
        note?: string;
        out?: string;
        county: string;
        force?: boolean;
      },
    ) => {
      const all = { ...decisions.opts(), ...opts } as typeof opts & { unit?: string; json?: boolean };
      if (all.tick !== undefined && all.untick !== undefined) throw new UsageError('--tick 和 --untick 不能同时使用。');
      const lineText = all.tick ?? all.untick;
      const line = lineText === undefined ? null : Number(lineText);
      if (line !== null && (!Number.isInteger(line) || line < 1 || line > 18))
        throw new UsageError(`归档目录序号“${lineText}”不对：应为 1 到 18 之间的整数（附件6 的序号）。`);
      if (all.tick !== undefined && !all.date)
        throw new UsageError('登记已收须用 --date 写明收到日期，如 --date 2026-11-20。');
      if (all.out) {
        if (!/\.xlsx$/iu.test(all.out)) throw new UsageError(`输出文件“${all.out}”应以 .xlsx 结尾。`);
        if (!all.force && existsSync(all.out))
          throw new UsageError(`输出文件“${all.out}”已存在：换一个文件名，或加 --force 覆盖。`);
      }
      const c = await client();
      const s = service(all, io);
      const view =
        line === null
          ? await c.fetchArchive(s, all.unit)
          : await c.tickArchive(s, {
              ...(all.unit ? { unit: all.unit } : {}),
              line,
              received: all.tick !== undefined,
              ...(all.date ? { receivedOn: all.date } : {}),
              ...(all.note ? { note: all.note } : {}),
            });
      if (all.out) {
        const { archiveForm } = await import('../shared/forms/archive.js');
        const { writeForms } = await import('./forms.js');
        const receipts = view.lines
          .filter((l) => l.received && l.receivedOn)
          .map((l) => ({ line: l.line, receivedOn: l.receivedOn as string, note: l.note }));
        await writeForms([archiveForm({ county: all.county, unit: view.unit, tiers: view.tiers, receipts })], all.out);
      }
      if (all.json) io.out(json(view));
      else {
        const lines = [
          `${view.unit} 归档目录（${view.tiers.join('、')}）：已收 ${view.lines.filter((l) => l.received).length} / ${view.lines.length}`,
        ];
        for (const l of view.lines)
          lines.push(
            `  ${l.received ? '☑' : '☐'} ${String(l.line).padStart(2)} ${l.tierLabel}｜${l.document}${l.received ? `（${l.receivedOn} 收到）` : ''}${l.note ? ` ${l.note}` : ''}`,
          );
        if (all.out) lines.push(`已写入归档目录：${all.out}`);
        io.out(`${lines.join('\n')}\n`);
      }
      setExit(0);
    },
  );
}
