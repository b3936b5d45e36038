#!/usr/bin/env node
// Writes shared/holidays-data.json from the chinese-days package's published data file: the days
// off (with the holiday's Chinese name) and the adjusted working days from FIRST_YEAR on. The file
// is made by `prepare`, so `npm install`, `npm ci` and `npm update chinese-days` refresh it; it is
// not committed. Only these are kept because the Worker bundles them: the package's whole file
// (2004 on, English names, in-lieu days) costs the Worker 3 KB of its 60 KB gzip budget.
import { readFileSync, writeFileSync } from 'node:fs';

/** The first year a project, and so a reporting period, can have (FIRST_PROJECT_YEAR). */
const FIRST_YEAR = 2013;

const root = new URL('../', import.meta.url);
const packageDir = new URL('node_modules/chinese-days/', root);
const published = JSON.parse(readFileSync(new URL('dist/chinese-days.json', packageDir), 'utf8'));
const { version } = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));

const kept = (date) => Number(date.slice(0, 4)) >= FIRST_YEAR;
/** “National Day,国庆节,3” → “国庆节”. */
const chineseName = (detail) => String(detail).split(',')[1] ?? '';

/** The day after `date` (YYYY-MM-DD). */
const dayAfter = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Days off as runs `[first day, days, name]` (春节 is one entry, not nine): the Worker bundles this
 * file, and runs take 0.7 KB less of its gzip budget than a date → name map.
 */
function runs(days) {
  const out = [];
  let last = null;
  for (const [date, name] of days.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const run = out.at(-1);
    if (run && run[2] === name && dayAfter(last) === date) run[1]++;
    else out.push([date, 1, name]);
    last = date;
  }
  return out;
}

const data = {
  source: `chinese-days ${version}`,
  firstYear: FIRST_YEAR,
  holidays: runs(
    Object.entries(published.holidays)
      .filter(([date]) => kept(date))
      .map(([date, detail]) => [date, chineseName(detail)]),
  ),
  workdays: Object.keys(published.workdays).filter(kept),
};
writeFileSync(new URL('shared/holidays-data.json', root), `${JSON.stringify(data)}\n`);
