/**
 * Builds the WPS 加载项 folder (`npm run build:wps` → addin/dist-wps/):
 *   index.html + ribbon.js   entry page WPS loads hidden at start; the ribbon callbacks
 *   ribbon.xml               the 四个一批 tab (no XML declaration: WPS's publish check rejects one)
 *   taskpane.html/.js/.css   the same pane as in Excel, over the WPS adapter
 *   check-worker.js          the check's Web Worker (same engine as the CLI), next to taskpane.js
 *   help.html, assets/       usage page and icons
 *   manifest.xml, package.json   the add-in's name and type (et = WPS 表格), as wpsjs writes them
 *   jsplugins.xml, publish.xml   online mode: the add-in loads from `${origin}/wps/` at each start
 *   offline/                 the offline route: the folder to copy into jsaddons + its jsplugins.xml
 * JS is transpiled for the embedded browser: esbuild target es2017, one IIFE per page (no
 * modules, no top-level await). The Office build (build.ts) also writes this folder to dist/wps/,
 * so the Worker serves it at /wps/ with the pane.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const DIST_WPS = join(here, 'dist-wps');
export const WPS_NAME = 'sige-yipi';
export const WPS_DEV_ORIGIN = 'http://127.0.0.1:8787';
/** The embedded Chromium of older WPS builds: syntax is lowered to ES2017. */
export const WPS_TARGET = 'es2017';

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const xmlAttr = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** The list WPS reads in online mode (jsplugins.xml on a server, publish.xml in the user's jsaddons). */
export function onlineList(url: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<jsplugins>
  <jspluginonline name="${WPS_NAME}" type="et" url="${xmlAttr(url)}" debug="" enable="enable_dev" install="null" customDomain=""/>
</jsplugins>
`;
}

/** The offline list: the add-in folder ${name}_${version} sits next to it in jsaddons. */
export function offlineList(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<jsplugins>
  <jsplugin name="${WPS_NAME}" type="et" url="" version="${xmlAttr(version)}"/>
</jsplugins>
`;
}

/** taskpane.html for WPS: no Office.js, the WPS bundle instead of main.js. */
export function wpsTaskpaneHtml(officeHtml: string): string {
  const office = /\s*<!--[^>]*Office\.js[^>]*-->\s*<script src="office-js\/office\.js"><\/script>/u;
  const main = /<script defer src="main\.js"><\/script>/u;
  if (!office.test(officeHtml) || !main.test(officeHtml))
    throw new Error('addin/taskpane.html 的脚本标签已改变：请同步修改 build-wps.ts');
  return officeHtml.replace(office, '').replace(main, '<script defer src="taskpane.js"></script>');
}

/** help.html for WPS: where the pane is opened differs from Excel. */
export function wpsHelpHtml(officeHelp: string): string {
  const steps: [string, string][] = [
    ['在 Excel 中打开本单位的管理台账（附件5）。', '在 WPS 表格中打开本单位的管理台账（附件5）。'],
    ['“开始”选项卡 →“四个一批”组 →“台账面板”。', '“四个一批”选项卡 →“台账面板”。'],
  ];
  let html = officeHelp;
  for (const [excel, wps] of steps) {
    if (!html.includes(excel)) throw new Error(`addin/help.html 已改变（找不到“${excel}”）：请同步修改 build-wps.ts`);
    html = html.replace(excel, wps);
  }
  return html;
}

export async function buildWps(options: { origin?: string; outDir?: string; minify?: boolean } = {}): Promise<string> {
  const dist = options.outDir ?? DIST_WPS;
  const origin = (options.origin ?? process.env.WPS_ORIGIN ?? process.env.ADDIN_ORIGIN ?? WPS_DEV_ORIGIN).replace(
    /\/+$/u,
    '',
  );
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const common = {
    bundle: true,
    format: 'iife' as const,
    target: WPS_TARGET,
    minify: options.minify ?? true,
    legalComments: 'none' as const,
    charset: 'utf8' as const,
    logLevel: 'warning' as const,
    // Syntax esbuild cannot lower must fail the build rather than reach an old WPS.
    supported: { 'top-level-await': false, bigint: false },
  };
  await build({ ...common, entryPoints: [join(here, 'wps/taskpane.ts')], outfile: join(dist, 'taskpane.js') });
  await build({ ...common, entryPoints: [join(here, 'wps/ribbon.ts')], outfile: join(dist, 'ribbon.js') });
  // The check worker, next to taskpane.js (same origin): the pane starts it as 'check-worker.js'.
  await build({ ...common, entryPoints: [join(here, 'engine/worker.ts')], outfile: join(dist, 'check-worker.js') });
  await build({
    entryPoints: [join(here, 'taskpane.css')],
    bundle: true,
    minify: true,
    target: 'chrome61',
    outfile: join(dist, 'taskpane.css'),
    logLevel: 'warning',
  });
  writeFileSync(join(dist, 'taskpane.html'), wpsTaskpaneHtml(readFileSync(join(here, 'taskpane.html'), 'utf8')));
  writeFileSync(join(dist, 'help.html'), wpsHelpHtml(readFileSync(join(here, 'help.html'), 'utf8')));
  for (const file of ['index.html', 'ribbon.xml']) cpSync(join(here, 'wps', file), join(dist, file));
  cpSync(join(here, 'assets'), join(dist, 'assets'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  writeFileSync(
    join(dist, 'manifest.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<JsPlugin>
  <ApiVersion>1.0.0</ApiVersion>
  <Name>${WPS_NAME}</Name>
  <Description>四个一批台账：校验、分类、统计、上报、汇总</Description>
</JsPlugin>
`,
  );
  writeFileSync(
    join(dist, 'package.json'),
    `${JSON.stringify({ name: WPS_NAME, addonType: 'et', version, customDomain: '' }, null, 2)}\n`,
  );
  const offline = join(dist, 'offline');
  const folder = join(offline, `${WPS_NAME}_${version}`);
  const files = readdirSync(dist);
  mkdirSync(folder, { recursive: true });
  for (const file of files) cpSync(join(dist, file), join(folder, file), { recursive: true });
  writeFileSync(join(offline, 'jsplugins.xml'), offlineList());
  const list = onlineList(`${origin}/wps/`);
  writeFileSync(join(dist, 'jsplugins.xml'), list);
  writeFileSync(join(dist, 'publish.xml'), list);
  return dist;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildWps();
  console.log(
    `addin/dist-wps 已生成：在线地址 ${readFileSync(join(out, 'jsplugins.xml'), 'utf8').match(/url="([^"]*)"/u)?.[1]}`,
  );
}
