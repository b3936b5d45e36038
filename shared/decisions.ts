/**
 * The county's decisions on a project (spec §8): 申请 → 意见 → 审定 → 批复 → 公示 → 处置完毕 → 重新分类.
 * Every step is an event appended to the project's history (nothing is overwritten); the current
 * state and the status are derived from the events here, alike for the Worker, the CLI and the pane.
 */
import * as z from 'zod/mini';
import { type Calendar, libraryCalendar, PUBLICITY_WORKING_DAYS } from './calendar.js';
import { MAX_IMPORT_ROWS, STATUSES, type Status } from './decisions-sheet.js';
import { TIERS, type Tier } from './forms/tier.js';
import { CATEGORIES, type Category } from './ledger/columns.js';

export * from './decisions-sheet.js';

const MAX_TEXT = 2000;
const MAX_SHORT = 200;

/** YYYY-MM-DD, a real calendar day. */
export const IsoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/u, '日期应为 YYYY-MM-DD，例如 2026-11-20'),
  z.refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '不是有效的日期'),
  z.refine((v) => v >= '2013-01-01' && v <= '2099-12-31', '日期应在 2013 年至 2099 年之间'),
);

const Text = (max = MAX_TEXT) =>
  z.string().check(z.trim(), z.minLength(1, '不能为空'), z.maxLength(max, `不能超过 ${max} 个字`));
/** Trimmed text of at most `max` characters, empty when left out. */
const OptionalText = (max: number) => z._default(z.string().check(z.trim(), z.maxLength(max)), '');

export const OPINION_BODIES = ['村委会', '乡镇（街道）', '主管部门', '县实施乡村振兴战略领导小组'] as const;
export const POSTING_PLACES = ['主管单位', '项目地'] as const;
export type PostingPlace = (typeof POSTING_PLACES)[number];

/** A 纪要 (meeting minutes) reference: number and date. */
const Minutes = { minutesNo: Text(MAX_SHORT), minutesDate: IsoDateSchema };

/** What each step records, by the slug used in the API (`POST /api/v1/decisions/<kind>`). */
export const EVENT_SCHEMAS = {
  /** 申请 (the unit): from its ledger row and its 党组（委）会. */
  application: z.strictObject({
    name: z.optional(Text(MAX_SHORT)),
    category: z.enum(CATEGORIES),
    measures: OptionalText(MAX_TEXT),
    minutesNo: z.optional(Text(MAX_SHORT)),
    minutesDate: z.optional(IsoDateSchema),
    surveyReport: z.optional(Text(MAX_SHORT)),
    tier: z.enum(TIERS),
  }),
  /** 意见 (the county, as received on paper; the seal stays on paper). */
  opinion: z.strictObject({ body: z.enum(OPINION_BODIES), text: Text(), date: IsoDateSchema }),
  /** 审定 (the county): the leading group's category and its 纪要. */
  approval: z.strictObject({ category: z.enum(CATEGORIES), ...Minutes }),
  /** 批复 (the county). */
  reply: z.strictObject({ docNo: Text(MAX_SHORT), date: IsoDateSchema }),
  /** 公示 at one place: start; end computed (5 working days) unless a longer — or, warned, shorter — one is entered. */
  publicity: z.strictObject({ place: z.enum(POSTING_PLACES), start: IsoDateSchema, end: z.optional(IsoDateSchema) }),
  /** An objection raised during a 公示. */
  objection: z.strictObject({ place: z.optional(z.enum(POSTING_PLACES)), text: Text(), date: IsoDateSchema }),
  /** 处置完毕 (the county). */
  disposal: z.strictObject({ date: IsoDateSchema, note: z.optional(Text()) }),
  /** 重新分类 (十五): a new 审定 after 处置, with its 纪要. */
  reclassification: z.strictObject({ category: z.enum(CATEGORIES), ...Minutes }),
} as const;

export type EventKind = keyof typeof EVENT_SCHEMAS;
export const EVENT_KINDS = Object.keys(EVENT_SCHEMAS) as EventKind[];
export type EventData<K extends EventKind> = z.output<(typeof EVENT_SCHEMAS)[K]>;

export const EVENT_LABELS: Readonly<Record<EventKind, string>> = {
  application: '申请',
  opinion: '意见',
  approval: '审定',
  reply: '批复',
  publicity: '公示',
  objection: '公示异议',
  disposal: '处置完毕',
  reclassification: '重新分类',
};

/** Who may record each step: the unit its own applications, the county everything else. */
export const EVENT_ROLE: Readonly<Record<EventKind, 'unit' | 'county'>> = {
  application: 'unit',
  opinion: 'county',
  approval: 'county',
  reply: 'county',
  publicity: 'county',
  objection: 'county',
  disposal: 'county',
  reclassification: 'county',
};

/** One stored event, as the API returns it. */
export interface DecisionEvent {
  id: number;
  kind: EventKind;
  data: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
}

export interface Posting {
  place: PostingPlace;
  start: string;
  end: string;
  /** Working days from start to end, both counted. */
  workingDays: number;
}

/** The current state of one project, folded from its events (the latest of each step wins). */
export interface ProjectDecision {
  application: EventData<'application'> | null;
  opinions: EventData<'opinion'>[];
  approval: EventData<'approval'> | null;
  reply: EventData<'reply'> | null;
  /** The latest posting at each place. */
  postings: Partial<Record<PostingPlace, Posting>>;
  objections: EventData<'objection'>[];
  disposal: EventData<'disposal'> | null;
  reclassification: EventData<'reclassification'> | null;
  /** The category that binds the ledger: the latest 审定 or 重新分类, with the 批复 文号 when known. */
  approvedCategory: Category | null;
}

/** Working days in [start, end], both counted (bounded: a posting is at most a year long). */
export function workingDaysBetween(start: string, end: string, calendar: Calendar = libraryCalendar): number {
  let n = 0;
  const d = new Date(`${start}T00:00:00Z`);
  for (let i = 0; i < 400; i++) {
    const day = d.toISOString().slice(0, 10);
    if (day > end) break;
    if (calendar.isWorkingDay(day)) n++;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return n;
}

/**
 * A posting as stored: the entered end, else start + 5 working days (spec §6, §8) on the county's
 * calendar (its own holiday lists first, then the library's).
 */
export function posting(data: EventData<'publicity'>, calendar: Calendar = libraryCalendar): Posting {
  const end = data.end ?? calendar.publicityEnd(data.start).end;
  return { place: data.place, start: data.start, end, workingDays: workingDaysBetween(data.start, end, calendar) };
}

export function foldEvents(events: readonly Pick<DecisionEvent, 'kind' | 'data'>[]): ProjectDecision {
  const s: ProjectDecision = {
    application: null,
    opinions: [],
    approval: null,
    reply: null,
    postings: {},
    objections: [],
    disposal: null,
    reclassification: null,
    approvedCategory: null,
  };
  for (const e of events) {
    switch (e.kind) {
      case 'application':
        s.application = e.data as EventData<'application'>;
        break;
      case 'opinion':
        s.opinions.push(e.data as EventData<'opinion'>);
        break;
      case 'approval':
        s.approval = e.data as EventData<'approval'>;
        s.approvedCategory = s.approval.category;
        break;
      case 'reply':
        s.reply = e.data as EventData<'reply'>;
        break;
      case 'publicity': {
        const p = e.data as unknown as Posting;
        s.postings[p.place] = p;
        break;
      }
      case 'objection':
        s.objections.push(e.data as EventData<'objection'>);
        break;
      case 'disposal':
        s.disposal = e.data as EventData<'disposal'>;
        break;
      case 'reclassification':
        s.reclassification = e.data as EventData<'reclassification'>;
        s.approvedCategory = s.reclassification.category;
        break;
    }
  }
  return s;
}

/** The day the later posting ends, or null before any posting. */
export function publicityUntil(s: ProjectDecision): string | null {
  const ends = Object.values(s.postings).map((p) => p.end);
  return ends.length === 0 ? null : (ends.sort().at(-1) as string);
}

/**
 * Status on `today` (YYYY-MM-DD, Asia/Shanghai): the furthest step reached, except that a
 * running 公示 shows as 公示中 until the later posting ends; after 批复 and both postings ended
 * the measures are being carried out (处置中).
 */
export function projectStatus(s: ProjectDecision, today: string): Status {
  if (s.reclassification) return '已重新分类';
  if (s.disposal) return '处置完毕';
  const until = publicityUntil(s);
  if (until !== null && today <= until) return '公示中';
  const bothPosted = POSTING_PLACES.every((p) => s.postings[p] !== undefined);
  if (s.reply && bothPosted) return '处置中';
  if (s.reply) return '已批复';
  if (s.approval) return '已审定';
  if (s.application) return '已申请';
  return '未申请';
}

export interface DecisionWarning {
  ruleId: 'decision.publicity-short';
  severity: 'warning';
  message: string;
}

/** `decision.publicity-short` for each posting shorter than 5 working days. */
export function decisionWarnings(
  code: string,
  s: ProjectDecision,
  calendar: Calendar = libraryCalendar,
): DecisionWarning[] {
  return POSTING_PLACES.flatMap((place) => {
    const p = s.postings[place];
    if (!p || p.workingDays >= PUBLICITY_WORKING_DAYS) return [];
    return [
      {
        ruleId: 'decision.publicity-short' as const,
        severity: 'warning' as const,
        message: `项目“${code}”在${place}的公示 ${p.start} 至 ${p.end} 只有 ${p.workingDays} 个工作日：公示应不少于 ${PUBLICITY_WORKING_DAYS} 个工作日（至少到 ${calendar.publicityEnd(p.start).end}）。`,
      },
    ];
  });
}

/** The approved category of a project and the 批复 that made it known (for `category.unapproved`). */
export interface ApprovedCategory {
  category: Category;
  /** 批复文号, or null when the 批复 is not recorded yet. */
  replyNo: string | null;
}

export function approvedOf(s: ProjectDecision): ApprovedCategory | null {
  return s.approvedCategory ? { category: s.approvedCategory, replyNo: s.reply?.docNo ?? null } : null;
}

export type StatusCounts = Record<Status, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export type { Tier };

/**
 * Why a step cannot be recorded now (Chinese, naming the project), or null. The order the notice
 * gives: 审定 before 批复, 公示 and 处置; a 公示 before its objections; 处置完毕 before 重新分类; a unit
 * applies until the leading group has decided (then only the county re-classifies).
 */
export function stepRefusal(
  kind: EventKind,
  code: string,
  s: ProjectDecision,
  data: Record<string, unknown>,
): string | null {
  const decided = s.approval !== null;
  switch (kind) {
    case 'application':
      return decided && !s.disposal
        ? `项目“${code}”已由领导小组审定（${s.approval?.category}），不能再申请；如需改变分类，请在处置完毕后由县级重新分类。`
        : null;
    case 'publicity': {
      if (!decided) return `项目“${code}”还没有审定记录：请先登记领导小组的审定（分类和会议纪要），再登记公示。`;
      const { start, end } = data as { start: string; end?: string };
      if (end !== undefined && end < start) return `项目“${code}”的公示结束日期 ${end} 早于开始日期 ${start}。`;
      if (end !== undefined && Date.parse(end) - Date.parse(start) > 366 * 86_400_000)
        return `项目“${code}”的公示从 ${start} 到 ${end} 超过一年：请检查日期。`;
      return null;
    }
    case 'reply':
    case 'disposal':
      return decided
        ? null
        : `项目“${code}”还没有审定记录：请先登记领导小组的审定（分类和会议纪要），再登记${EVENT_LABELS[kind]}。`;
    case 'objection': {
      const place = data.place as PostingPlace | undefined;
      if (place ? s.postings[place] : Object.keys(s.postings).length > 0) return null;
      return `项目“${code}”${place ? `在${place}` : ''}还没有公示记录：异议须针对已登记的公示。`;
    }
    case 'reclassification':
      return s.disposal ? null : `项目“${code}”还没有登记处置完毕：重新分类在处置完毕之后进行（通知第十五条）。`;
    default:
      return null;
  }
}

/** One row of a filled-in 审定结果 worksheet (spec §8 bulk entry), as the CLI or pane sends it. */
export const ImportRowSchema = z.strictObject({
  /** Worksheet row number, for the reasons. */
  row: z.int().check(z.gte(1), z.lte(1_048_576)),
  unit: z.string().check(z.trim(), z.maxLength(100)),
  code: z.string().check(z.trim(), z.maxLength(100)),
  category: OptionalText(20),
  minutesNo: OptionalText(MAX_SHORT),
  minutesDate: OptionalText(20),
  replyNo: OptionalText(MAX_SHORT),
  replyDate: OptionalText(20),
  publicityStart: OptionalText(20),
});
export type ImportRow = z.output<typeof ImportRowSchema>;

export const ImportSchema = z.strictObject({
  rows: z.array(ImportRowSchema).check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)),
});

/** The steps one import row asks for (empty when the row is still blank), or the reason it is refused. */
export function importSteps(
  r: ImportRow,
  current: ProjectDecision,
  calendar: Calendar = libraryCalendar,
): { steps: { kind: EventKind; data: Record<string, unknown> }[] } | { reason: string } {
  const where = `第${r.row}行（${r.unit || '未填单位'} ${r.code || '未填项目编号'}）`;
  const date = (label: string, v: string): string | null =>
    IsoDateSchema.safeParse(v).success
      ? null
      : `${where}「${label}」“${v}”不是有效日期：应为 YYYY-MM-DD，例如 2026-11-20。`;
  const filled = [r.category, r.minutesNo, r.minutesDate, r.replyNo, r.replyDate, r.publicityStart].some(
    (v) => v !== '',
  );
  if (!filled) return { steps: [] };
  if (r.unit === '' || r.code === '') return { reason: `${where}：单位和项目编号都须填写。` };
  const steps: { kind: EventKind; data: Record<string, unknown> }[] = [];
  let decided = current.approval;
  if (r.category !== '' || r.minutesNo !== '' || r.minutesDate !== '') {
    if (!(CATEGORIES as readonly string[]).includes(r.category))
      return { reason: `${where}「审定分类」“${r.category}”不对：应为 ${CATEGORIES.join('、')} 之一。` };
    if (r.minutesNo === '') return { reason: `${where}已填审定分类，「纪要号」也须填写（领导小组会议纪要）。` };
    const bad = date('纪要日期', r.minutesDate);
    if (bad) return { reason: bad };
    const data = { category: r.category as Category, minutesNo: r.minutesNo, minutesDate: r.minutesDate };
    const same =
      decided?.category === data.category &&
      decided.minutesNo === data.minutesNo &&
      decided.minutesDate === data.minutesDate;
    if (!same) steps.push({ kind: 'approval', data });
    decided = data;
  }
  if (!decided && (r.replyNo !== '' || r.replyDate !== '' || r.publicityStart !== ''))
    return { reason: `${where}没有审定记录：先填「审定分类」「纪要号」「纪要日期」，再填批复和公示。` };
  if (r.replyNo !== '' || r.replyDate !== '') {
    if (r.replyNo === '') return { reason: `${where}已填批复日期，「批复文号」也须填写。` };
    const bad = date('批复日期', r.replyDate);
    if (bad) return { reason: bad };
    if (current.reply?.docNo !== r.replyNo || current.reply.date !== r.replyDate)
      steps.push({ kind: 'reply', data: { docNo: r.replyNo, date: r.replyDate } });
  }
  if (r.publicityStart !== '') {
    const bad = date('公示开始日期', r.publicityStart);
    if (bad) return { reason: bad };
    for (const place of POSTING_PLACES) {
      if (current.postings[place]?.start === r.publicityStart) continue;
      steps.push({ kind: 'publicity', data: { ...posting({ place, start: r.publicityStart }, calendar) } });
    }
  }
  return { steps };
}
