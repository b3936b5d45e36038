/** `holiday …` and `deadline …` of the county's admin CLI (spec §6): the county's calendar in D1. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { shanghaiDate } from '../shared/beijing-time.js';
import { createCalendar, type HolidayYear } from '../shared/calendar.js';
import {
  beijingText,
  clearDeadlineSql,
  holidayYear,
  LIST_DEADLINES_SQL,
  LIST_HOLIDAY_YEARS_SQL,
  parseBeijingDateTime,
  removeHolidayYearSql,
  saveHolidayYearSql,
  setDeadlineSql,
} from './admin-calendar.js';
import { AdminInputError } from './admin-sql.js';

type Run = (sql: string, cmd: Command) => Record<string, unknown>[];

/** Consecutive dates folded into ranges: 2027-10-01~2027-10-07、2027-01-01. */
export function dateRanges(dates: readonly string[]): string {
  const runs: [string, string][] = [];
  for (const d of [...dates].sort()) {
    const last = runs[runs.length - 1];
    if (last && Date.parse(`${d}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === 86400_000) last[1] = d;
    else runs.push([d, d]);
  }
  return runs.map(([a, b]) => (a === b ? a : `${a}~${b}`)).join('、') || '（无）';
}

export function registerCalendarCommands(program: Command, run: Run): void {
  const holiday = program
    .command('holiday')
    .description('本县节假日安排（优先于日历库；日历库未收录的年份按周一至周五计算并提示）');
  holiday
    .command('add <year>')
    .description('保存某年的放假日期和调休上班日期（再次保存则整体替换该年）')
    .option('--file <json>', 'JSON 文件：{"holidays": ["2027-10-01~2027-10-07"], "workdays": ["2027-10-09"]}')
    .option('--holidays <dates>', '放假日期，逗号分隔，可用 ~ 表示连续日期：2027-01-01,2027-10-01~2027-10-07')
    .option('--workdays <dates>', '调休上班日期（周末上班），逗号分隔：2027-10-09')
    .action((year: string, opts: { file?: string; holidays?: string; workdays?: string }, cmd: Command) => {
      let json: string | undefined;
      if (opts.file !== undefined) {
        try {
          json = readFileSync(opts.file, 'utf8');
        } catch {
          throw new AdminInputError(`无法读取文件“${opts.file}”`);
        }
      }
      const y = holidayYear(year, { json, holidays: opts.holidays, workdays: opts.workdays });
      run(saveHolidayYearSql(y, new Date()), cmd);
      console.log(
        `已保存 ${y.year} 年节假日安排：放假 ${y.holidays.length} 天（${dateRanges(y.holidays)}），调休上班 ${y.workdays.length} 天（${dateRanges(y.workdays)}）。截止时间、按时/逾期和公示期从现在起按此计算。`,
      );
    });
  holiday
    .command('list')
    .description('列出本县保存的节假日安排，以及今明两年的日历来源')
    .action((_opts: unknown, cmd: Command) => {
      const rows = run(LIST_HOLIDAY_YEARS_SQL, cmd);
      const years: HolidayYear[] = rows.map((r) => ({
        year: Number(r.year),
        holidays: JSON.parse(String(r.holidays)) as string[],
        workdays: JSON.parse(String(r.workdays)) as string[],
      }));
      for (const y of years)
        console.log(`${y.year} 年（本县录入）\t放假 ${dateRanges(y.holidays)}\t调休上班 ${dateRanges(y.workdays)}`);
      const calendar = createCalendar({ years });
      const now = Number(shanghaiDate(new Date()).slice(0, 4));
      for (const year of [now, now + 1]) {
        const source = calendar.sourceOf(year);
        console.log(
          `${year} 年：${source === 'county' ? '按本县录入' : source === 'library' ? '按日历库（国务院公布的安排）' : `节假日数据未收录，按周一至周五计算——请运行 holiday add ${year}`}`,
        );
      }
    });
  holiday
    .command('remove <year>')
    .description('删除本县录入的某年节假日安排（恢复使用日历库）')
    .action((year: string, _opts: unknown, cmd: Command) => {
      const rows = run(removeHolidayYearSql(Number(year)), cmd);
      if (rows.length === 0) throw new AdminInputError(`本县没有录入 ${year} 年的节假日安排`);
      console.log(`已删除本县录入的 ${year} 年节假日安排。`);
    });

  const deadline = program.command('deadline').description('由县里指定某一期的截止时间（优先于按日历计算的截止时间）');
  deadline
    .command('set <period> <time>')
    .description('指定截止时间（北京时间），如 deadline set 2026-W40 2026-10-09T16:00')
    .action((period: string, time: string, _opts: unknown, cmd: Command) => {
      const due = parseBeijingDateTime(time);
      run(setDeadlineSql(period, due, new Date()), cmd);
      console.log(`已指定 ${period} 的截止时间：${beijingText(due.toISOString())}。`);
    });
  deadline
    .command('clear <period>')
    .description('取消县里指定的截止时间，恢复按日历计算')
    .action((period: string, _opts: unknown, cmd: Command) => {
      if (run(clearDeadlineSql(period), cmd).length === 0)
        throw new AdminInputError(`${period} 没有县里指定的截止时间`);
      console.log(`已取消 ${period} 的指定截止时间，恢复按日历计算。`);
    });
  deadline
    .command('list')
    .description('列出县里指定的截止时间')
    .action((_opts: unknown, cmd: Command) => {
      const rows = run(LIST_DEADLINES_SQL, cmd);
      if (rows.length === 0) console.log('没有县里指定的截止时间（各期按日历计算）。');
      for (const r of rows) console.log(`${r.period}\t${beijingText(String(r.due_at))}`);
    });
}
