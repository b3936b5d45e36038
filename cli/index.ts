/**
 * The sige command line: commands, options and help (Chinese and English). `run()` returns the
 * exit code instead of exiting, so tests can drive it in-process; bin.js is the executable.
 *
 * Exit codes: 0 = no errors; 1 = validation errors found (aggregate: some file has errors or could
 * not be read; submit: refused for errors); 2 = the file cannot be read / written, the server cannot
 * be reached, or the command line is wrong.
 */

import { existsSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Command, CommanderError } from 'commander';
import { libraryCalendar } from '../shared/calendar.js';
import { describePeriod, notesLine } from '../shared/index.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { statsSheet } from '../shared/layout/stats-sheet.js';
import { DEFAULT_BLANK_ROWS, DEFAULT_COUNTY } from '../shared/layout.js';
import { aggregateFiles, aggregateJson, expandInputs, formatAggregate } from './aggregate.js';
import { annotationMarks, resultSheet } from './annotate.js';
import { registerCountyCommands } from './county-commands.js';
import { registerDecisionCommands } from './decisions.js';
import { FileError, oneLine, UsageError } from './errors.js';
import { registerFormsCommand } from './forms.js';
import { checkUpdatedAt, formatPeriodChecks } from './period-check.js';
import type { RemoteOptions } from './remote.js';
import { registerRemoteCommands } from './remote-commands.js';
import { formatReport } from './report.js';
import { terminalSafe } from './terminal.js';
import { validateFile, validateJson } from './validate.js';
import { writeAnnotated, writeLayout } from './workbook-write.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Progress bars only on an interactive terminal. */
  progress: NodeJS.WritableStream | null;
  env: Record<string, string | undefined>;
  /** Options for the county service client (tests pass their own fetch). */
  remote?: RemoteOptions;
}

const processIo = (): Io => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  progress: process.stderr.isTTY ? process.stderr : null,
  env: process.env,
});

export const EXIT = { ok: 0, errors: 1, unreadable: 2 } as const;

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/** An output file must not be an input, nor an existing file unless --force. */
function checkOutput(out: string, inputs: readonly string[], force: boolean): void {
  if (inputs.some((input) => samePath(input, out)))
    throw new UsageError(`输出文件“${out}”就是输入文件：不会覆盖原文件，请换一个文件名。`);
  if (!force && existsSync(out)) throw new UsageError(`输出文件“${out}”已存在：换一个文件名，或加 --force 覆盖。`);
  if (!/\.xlsx$/iu.test(out)) throw new UsageError(`输出文件“${out}”应以 .xlsx 结尾。`);
}

function isoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  const d = m ? new Date(`${value}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw new UsageError(`日期“${value}”格式不对：应为 YYYY-MM-DD，例如 2026-11-20。`);
  return value;
}

/** Today as YYYY-MM-DD in Asia/Shanghai. */
function today(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('sige')
    .description(
      '“四个一批”管理台账命令行工具：校验台账、生成标准台账模板、汇总分类统计表。\n' +
        'Command line for the “四个一批” ledger: validate workbooks, write the official template, aggregate the 统计表.',
    )
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示某个命令的帮助 / show help for a command')
    .showHelpAfterError('（加 --help 查看用法 / add --help for usage）')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('validate')
    .summary('校验台账，可另存标注副本 / validate a ledger, optionally annotate a copy')
    .description(
      '校验一个台账工作簿（.xlsx），按行列出错误和提示。\nValidate one ledger workbook and list errors and warnings by row.',
    )
    .argument('<file>', '台账文件 / ledger workbook (.xlsx)')
    .option('--sheet <name>', '指定台账所在工作表（默认自动查找） / the ledger sheet (found automatically)')
    .option('--json', '输出 JSON（供脚本使用） / print one JSON object')
    .option(
      '--annotate <out>',
      '另存一份标注副本：问题单元格填色加批注，并附“校验结果”表（不改原文件；副本中不保留图表和数据透视表） / write an annotated copy (input untouched; charts and pivot tables are not kept)',
    )
    .option('--submission', '按上报要求校验（“四个一批分类”必填） / validate as for submission (category required)')
    .option('-f, --force', '覆盖已存在的输出文件 / overwrite an existing output file')
    .addHelpText(
      'after',
      '\n退出码 / exit codes: 0 无错误 no errors · 1 有错误 errors found · 2 无法读取 unreadable file\n' +
        '示例 / example: npm run -s cli -- validate 台账.xlsx --annotate 台账-标注.xlsx',
    )
    .action(
      async (
        file: string,
        opts: { sheet?: string; json?: boolean; annotate?: string; submission?: boolean; force?: boolean },
      ) => {
        const mode = opts.submission ? 'submission' : 'editing';
        if (opts.annotate) checkOutput(opts.annotate, [file], opts.force === true);
        const v = await validateFile(file, { sheet: opts.sheet, mode });
        if (opts.annotate) {
          await writeAnnotated(v.book, v.sheet.name, annotationMarks(v.report), resultSheet(v), opts.annotate);
        }
        if (opts.json) io.out(json(validateJson(v)));
        else io.out(`${formatReport(v, mode)}\n`);
        if (opts.annotate) (opts.json ? io.err : io.out)(`已写入标注副本：${opts.annotate}\n`);
        setExit(v.report.errors > 0 ? EXIT.errors : EXIT.ok);
      },
    );

  program
    .command('template')
    .summary('生成空白标准台账（附件5） / write the blank official ledger')
    .description(
      '生成空白的标准管理台账（附件5）：表头、下拉选项、数字校验、冻结窗格、打印设置、填表说明。\n' +
        'Write the official blank ledger (附件5) with dropdowns, numeric checks, frozen panes and print setup.',
    )
    .requiredOption('--out <file>', '输出文件 / output file (.xlsx)')
    .option('--county <name>', '县（区）名称，用于标题 / county in the title', DEFAULT_COUNTY)
    .option('--unit <name>', '填报单位 / reporting unit on the meta line')
    .option('--date <YYYY-MM-DD>', '更新时间（默认留空） / 更新时间 on the meta line (blank by default)')
    .option('--rows <n>', '空白行数 / number of blank rows', String(DEFAULT_BLANK_ROWS))
    .option('-f, --force', '覆盖已存在的输出文件 / overwrite an existing output file')
    .action(
      async (opts: { out: string; county: string; unit?: string; date?: string; rows: string; force?: boolean }) => {
        checkOutput(opts.out, [], opts.force === true);
        const rows = Number(opts.rows);
        if (!Number.isInteger(rows) || rows < 1 || rows > 10000)
          throw new UsageError(`--rows 应为 1 到 10000 之间的整数，收到“${opts.rows}”。`);
        const layout = ledgerTemplate({
          county: opts.county,
          unit: opts.unit ?? null,
          updatedAt: opts.date ? isoDate(opts.date) : null,
          blankRows: rows,
        });
        await writeLayout(layout, opts.out);
        io.out(`已生成管理台账模板：${opts.out}\n`);
        setExit(EXIT.ok);
      },
    );

  program
    .command('aggregate')
    .summary('汇总为分类统计表（附件4） / add up ledgers into the 统计表')
    .description(
      '汇总多个单位的台账（文件或文件夹）为分类统计表（附件4）；个别文件有问题不影响其他文件。\n' +
        'Add up unit ledgers (files or folders) into the 分类统计表 (附件4); a bad file does not stop the others.',
    )
    .argument('<inputs...>', '台账文件或文件夹 / ledger files or folders')
    .option('--out <file>', '写出统计表 / write the 统计表 workbook (.xlsx)')
    .option('--json', '输出 JSON（供脚本使用） / print one JSON object')
    .option('--period <id>', '报送期次，如 2026-W47 或 2026-11 / reporting period shown on the table')
    .option('--county <name>', '县（区）名称，用于标题 / county in the title', DEFAULT_COUNTY)
    .option('--unit <name>', '统计表的填报单位 / 填报单位 of the table')
    .option('--date <YYYY-MM-DD>', '更新时间（默认今天） / 更新时间 (default today)')
    .option('--strict', '有错误的台账不计入统计表 / leave out ledgers with errors')
    .option(
      '--jobs <n>',
      '用几个工作线程并行读取（默认 1；文件很多且 CPU 多时可加大） / worker threads reading files (default 1)',
    )
    .option('-f, --force', '覆盖已存在的输出文件 / overwrite an existing output file')
    .addHelpText(
      'after',
      '\n退出码 / exit codes: 0 全部正常 all clean · 1 有文件出错或无法读取 some file has errors or is unreadable · 2 没有可汇总的台账 nothing to add up\n' +
        '示例 / example: npm run -s cli -- aggregate 各单位台账/ --period 2026-W47 --out 统计表.xlsx',
    )
    .action(
      async (
        inputs: string[],
        opts: {
          out?: string;
          json?: boolean;
          period?: string;
          county: string;
          unit?: string;
          date?: string;
          strict?: boolean;
          jobs?: string;
          force?: boolean;
        },
      ) => {
        const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
        if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64))
          throw new UsageError(`--jobs 应为 1 到 64 之间的整数，收到“${opts.jobs}”。`);
        const resolved = opts.period === undefined ? null : libraryCalendar.resolve(opts.period);
        const period = resolved?.period ?? null;
        if (opts.period !== undefined && !period)
          throw new UsageError(`报送期次“${opts.period}”格式不对：应为 2026-W47（周）或 2026-11（月）。`);
        for (const w of resolved?.warnings ?? []) io.err(`提示：${w.message}（截止时间按此推算）。\n`);
        const updatedAt = opts.date ? isoDate(opts.date) : today();
        const files = await expandInputs(inputs);
        if (opts.out) checkOutput(opts.out, files, opts.force === true);
        if (files.length === 0)
          throw new FileError(inputs.join(' '), `在“${inputs.join('、')}”中没有找到 .xlsx 台账文件。`);
        const bar =
          io.progress && files.length > 1
            ? new cliProgress.SingleBar(
                { stream: io.progress, format: '汇总中 [{bar}] {value}/{total} {file}', hideCursor: true },
                cliProgress.Presets.shades_classic,
              )
            : null;
        bar?.start(files.length, 0, { file: '' });
        let result: Awaited<ReturnType<typeof aggregateFiles>>;
        try {
          result = await aggregateFiles(files, {
            strict: opts.strict === true,
            jobs,
            onFile: (done, _total, file) => bar?.update(done, { file: basename(file) }),
          });
        } finally {
          bar?.stop();
        }
        if (!result.files.some((f) => f.included)) {
          const reasons = result.files.map((f) => `${f.file}：${f.problem}`).join('；');
          throw new FileError(files[0] ?? '', `没有可汇总的台账：${reasons}`);
        }
        if (opts.out) {
          const sheet = statsSheet({
            county: opts.county,
            unit: opts.unit ?? null,
            updatedAt,
            periodLabel: period ? describePeriod(period) : null,
            rows: result.units,
            total: result.total,
            notes: notesLine(result.notes),
          });
          await writeLayout({ sheets: [sheet] }, opts.out);
        }
        // --period: flag ledgers whose 更新时间 is outside the period (cli/period-check.ts).
        if (resolved) for (const f of result.files) if (f.summary) f.period = checkUpdatedAt(f.updatedAt, resolved);
        if (opts.json)
          io.out(
            json({
              ...aggregateJson(result),
              ...(resolved?.warnings.length ? { calendarWarnings: resolved.warnings } : {}),
            }),
          );
        else io.out(`${[formatAggregate(result), ...formatPeriodChecks(result.files)].join('\n')}\n`);
        if (opts.out) (opts.json ? io.err : io.out)(`已写入统计表：${opts.out}\n`);
        setExit(result.files.some((f) => f.problem !== null) ? EXIT.errors : EXIT.ok);
      },
    );

  registerRemoteCommands(program, io, setExit);
  registerCountyCommands(program, io, setExit);
  registerFormsCommand(program, io, setExit);
  registerDecisionCommands(program, io, setExit);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], raw: Io = processIo()): Promise<number> {
  // Every line the clerk sees goes through terminalSafe (cli/terminal.ts).
  const io: Io = { ...raw, out: (t) => raw.out(terminalSafe(t)), err: (t) => raw.err(terminalSafe(t)) };
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other command-line mistake is a usage error (2).
      return error.exitCode === 0 ? EXIT.ok : EXIT.unreadable;
    }
    // RemoteError by name: the HTTP client module is loaded lazily (remote-commands.ts).
    if (error instanceof FileError || error instanceof UsageError || (error as Error)?.name === 'RemoteError') {
      io.err(`错误：${oneLine(error)}\n`);
      return EXIT.unreadable;
    }
    io.err(`错误：处理失败（${oneLine(error)}）。\n`);
    return EXIT.unreadable;
  }
}
