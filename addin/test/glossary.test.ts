import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_TERMS, PANE_EXCLUDED, PANE_SOURCES_DIRS, WORKER_SOURCE_DIRS, WORKER_SOURCES } from './glossary.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/**
 * String and template literals of a TypeScript source (comments skipped), with their line.
 * Template expressions `${…}` are kept as text: a literal's words around them are what is read.
 */
function stringLiterals(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') line++;
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const start = line;
      let j = i + 1;
      let depth = 0;
      while (j < src.length) {
        const d = src[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '\n') line++;
        if (c === '`' && d === '$' && src[j + 1] === '{') depth++;
        else if (c === '`' && d === '}' && depth > 0) depth--;
        else if (d === c && depth === 0) break;
        if (c !== '`' && d === '\n') break;
        j++;
      }
      out.push({ text: src.slice(i + 1, j), line: start });
      i = j + 1;
      continue;
    }
    i++;
  }
  return out;
}

function tsFiles(dir: string, excluded: Set<string> = new Set()): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !excluded.has(f))
    .map((f) => `${dir}/${f}`);
}

function userFacingFiles(): string[] {
  return [
    ...PANE_SOURCES_DIRS.flatMap((d) => tsFiles(d, PANE_EXCLUDED)),
    ...WORKER_SOURCES,
    ...WORKER_SOURCE_DIRS.flatMap((d) => tsFiles(d)),
  ];
}

/** Every forbidden term found in a source's Chinese literals, as `file:line «term» in "…"`. */
function jargonIn(file: string, src: string): string[] {
  const hits: string[] = [];
  for (const lit of stringLiterals(src)) {
    if (!CJK.test(lit.text)) continue;
    for (const t of FORBIDDEN_TERMS) {
      const m = t.pattern.exec(lit.text);
      if (m) hits.push(`${file}:${lit.line} «${m[0]}» (${t.why}) in "${lit.text.slice(0, 80)}"`);
    }
  }
  return hits;
}

describe('glossary: what a clerk reads is plain Chinese', () => {
  it('scans the pane and the Worker messages', () => {
    const files = userFacingFiles();
    expect(files).toContain('addin/ui.ts');
    expect(files).toContain('addin/panels/submit.ts');
    expect(files).toContain('worker/auth.ts');
    expect(files).toContain('worker/routes/submissions.ts');
    expect(files).not.toContain('addin/build.ts');
  });

  it('no forbidden term in any Chinese literal', () => {
    const hits = userFacingFiles().flatMap((f) => jargonIn(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(hits).toEqual([]);
  });

  it('trigger: the old jargon is caught', () => {
    const src = [
      "const a = '请在 Authorization 头中提供有效的令牌（Bearer …）';",
      `const b = \`重试（同一幂等键）$\{x}\`;`,
      'const c = "回执编号 dry-run";',
    ].join('\n');
    const hits = jargonIn('x.ts', src);
    expect(hits.some((h) => h.includes('«Authorization»'))).toBe(true);
    expect(hits.some((h) => h.includes('«Bearer»'))).toBe(true);
    expect(hits.some((h) => h.includes('x.ts:2') && h.includes('«幂等»'))).toBe(true);
    expect(hits.some((h) => h.includes('x.ts:3') && h.includes('«dry-run»'))).toBe(true);
  });

  it('near miss: comments, English-only literals and plain words pass', () => {
    const src = [
      '// 幂等键 sent in the Idempotency-Key header',
      "/* Authorization: Bearer 令牌 */ const h = { Authorization: 'Bearer x' };",
      "const m = '令牌不对或已停用，请向县乡村振兴局核对';",
      "const r = '重新上报（不会重复）';",
      "const k = 'Idempotency-Key';",
      "const t = '头等大事不算'; const s = '标头';",
    ].join('\n');
    expect(jargonIn('x.ts', src)).toEqual([]);
  });
});
