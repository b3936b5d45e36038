/**
 * The Beijing clock (Asia/Shanghai: UTC+8 all year, no daylight saving), whatever the machine's
 * zone: every date and time the product shows or compares is read through these.
 */

/** Asia/Shanghai's offset from UTC. */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The instant moved onto the Beijing clock: read it with getUTC… / toISOString. */
function onBeijingClock(at: Date | string): Date {
  return new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS);
}

/** “2026-11-20 14:05” */
export function beijingStamp(at: Date | string): string {
  return onBeijingClock(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** “11月19日 10:08”, or “10:08” without the date. */
export function beijingTime(at: Date | string, withDate = true): string {
  const t = onBeijingClock(at);
  const hm = t.toISOString().slice(11, 16);
  return withDate ? `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hm}` : hm;
}

/** The Beijing calendar date of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date | string): string {
  return onBeijingClock(at).toISOString().slice(0, 10);
}
