/**
 * The clerk's glossary: terms a township clerk must never read in the pane or in a Worker message.
 * Data, not code: each entry is a pattern and the reason it is refused. The scan (glossary.test.ts)
 * collects every string/template literal holding Chinese from the user-facing sources listed here.
 */
export const FORBIDDEN_TERMS: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /Authorization/i, why: 'HTTP header name' },
  { pattern: /Bearer/i, why: 'HTTP auth scheme' },
  { pattern: /\bHTTP\b/i, why: 'protocol name' },
  { pattern: /Idempoten/i, why: 'protocol jargon' },
  { pattern: /幂等/, why: 'protocol jargon (say 不会重复)' },
  { pattern: /dry-?run/i, why: 'English CLI jargon (say 试报/预演)' },
  { pattern: /\bJSON\b/i, why: 'format name' },
  { pattern: /\bAPI\b/i, why: 'programmer term' },
  { pattern: /\bheaders?\b/i, why: 'HTTP header' },
  { pattern: /请求头|头中|头部|(?<![a-zA-Z\u4e00-\u9fff])头(?![a-zA-Z\u4e00-\u9fff])/, why: 'HTTP header (头)' },
  { pattern: /\btokens?\b/i, why: 'English word (say 令牌)' },
  { pattern: /\bkeys?\b/i, why: 'English word' },
];

/** Sources whose Chinese strings a clerk reads: the pane (with its HTTP client's messages) and the Worker's error bodies. */
export const PANE_SOURCES_DIRS = ['addin', 'addin/panels', 'addin/wps', 'shared/api'];
/** Build/dev tooling in addin/ that no clerk ever sees. */
export const PANE_EXCLUDED = new Set(['build.ts', 'build-wps.ts', 'dev.ts', 'sideload.ts']);
export const WORKER_SOURCES = [
  'worker/auth.ts',
  'worker/errors.ts',
  'worker/input.ts',
  'worker/middleware.ts',
  'worker/submission.ts',
  'worker/app.ts',
];
export const WORKER_SOURCE_DIRS = ['worker/routes'];
