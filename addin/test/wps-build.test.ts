/**
 * `npm run build:wps` output: the add-in folder WPS loads, its XML, and bundles an old embedded
 * Chromium can run (parsed at ECMAScript 2017 by acorn; no crypto.randomUUID, no top-level await;
 * ribbon callbacks run in a bare VM context the way WPS calls them).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'acorn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWps, onlineList, WPS_NAME, wpsTaskpaneHtml } from '../build-wps.js';

let dir: string;
let dist: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sgyp-wps-build-'));
  dist = await buildWps({ outDir: join(dir, 'dist-wps'), origin: 'https://台账.example.gov.cn/' });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(join(dist, file), 'utf8');

function xml(text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      errors.push(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml') as unknown as Document;
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return doc;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('npm run build:wps', () => {
  it('writes the add-in folder: entry page, ribbon, task pane, help, icons, manifest', () => {
    for (const file of [
      'index.html',
      'ribbon.js',
      'ribbon.xml',
      'taskpane.html',
      'taskpane.js',
      'taskpane.css',
      'help.html',
      'assets/icon-32.png',
      'assets/icon-64.png',
      'manifest.xml',
      'package.json',
      'jsplugins.xml',
      'publish.xml',
      `offline/${WPS_NAME}_${VERSION}/index.html`,
      `offline/${WPS_NAME}_${VERSION}/taskpane.js`,
      'offline/jsplugins.xml',
    ])
      expect(existsSync(join(dist, file)), file).toBe(true);
    expect(read('index.html')).toContain('<script src="ribbon.js"></script>');
    const pane = read('taskpane.html');
    expect(pane).toContain('<script defer src="taskpane.js"></script>');
    expect(pane).not.toContain('office');
    expect(pane).not.toContain('main.js');
    expect(JSON.parse(read('package.json'))).toMatchObject({ name: WPS_NAME, addonType: 'et', version: VERSION });
    expect(read('help.html')).toContain('在 WPS 表格中打开');
    expect(read('help.html')).not.toContain('Excel');
  });

  it('ribbon.xml is well-formed, has the 四个一批 tab, and names callbacks ribbon.js defines', () => {
    const text = read('ribbon.xml');
    expect(text.startsWith('<customUI')).toBe(true); // WPS's publish check rejects an XML declaration
    const doc = xml(text);
    const tab = doc.getElementsByTagName('tab')[0];
    expect(tab?.getAttribute('label')).toBe('四个一批');
    const buttons = Array.from(doc.getElementsByTagName('button'));
    expect(buttons.map((b) => b.getAttribute('label'))).toEqual(['台账面板', '使用说明']);
    const callbacks = new Set([
      doc.documentElement.getAttribute('onLoad'),
      ...buttons.flatMap((b) => [b.getAttribute('onAction'), b.getAttribute('getImage')]),
    ]);
    const ribbon = read('ribbon.js');
    for (const name of callbacks) expect(ribbon).toContain(String(name));
  });

  it('jsplugins.xml / publish.xml point WPS (type et) at the server’s /wps/; the offline list names the folder', () => {
    for (const file of ['jsplugins.xml', 'publish.xml']) {
      const entry = xml(read(file)).getElementsByTagName('jspluginonline')[0];
      expect(entry?.getAttribute('name')).toBe(WPS_NAME);
      expect(entry?.getAttribute('type')).toBe('et');
      expect(entry?.getAttribute('url')).toBe('https://台账.example.gov.cn/wps/');
    }
    const offline = xml(read('offline/jsplugins.xml')).getElementsByTagName('jsplugin')[0];
    expect(offline?.getAttribute('version')).toBe(VERSION);
    expect(offline?.getAttribute('name')).toBe(WPS_NAME);
    // near miss: a URL with XML metacharacters stays well-formed
    expect(() => xml(onlineList('http://x/?a=1&b="2"'))).not.toThrow();
    expect(xml(onlineList('http://x/?a=1&b=2')).getElementsByTagName('jspluginonline')[0]?.getAttribute('url')).toBe(
      'http://x/?a=1&b=2',
    );
  });

  it('bundles parse as ECMAScript 2017 scripts, without crypto.randomUUID or top-level await', () => {
    for (const file of ['taskpane.js', 'ribbon.js']) {
      const code = read(file);
      expect(() => parse(code, { ecmaVersion: 2017, sourceType: 'script' }), file).not.toThrow();
      expect(code).not.toMatch(/randomUUID/u);
      expect(code).not.toMatch(/\bimport\s*\(|\bimport\.meta\b/u);
    }
    // near misses: acorn at 2017 does refuse what esbuild's es2017 target must have lowered
    for (const newer of ['a?.b', 'a ?? b', '({...a})', 'class A { x = 1 }', 'try {} catch {}', '/(?<y>x)/u'])
      expect(() => parse(newer, { ecmaVersion: 2017, sourceType: 'script' }), newer).toThrow();
    expect(() => parse('await 1', { ecmaVersion: 2017, sourceType: 'script' })).toThrow();
  });

  it('the taskpane.html rewrite refuses a page whose script tags changed', () => {
    expect(() => wpsTaskpaneHtml('<script src="other.js"></script>')).toThrow(/build-wps/u);
  });

  it('ribbon callbacks open the task pane once, then toggle it, where WPS has no globalThis', () => {
    const created: { url: string; title: string; pane: { ID: string; Visible: boolean; DockPosition?: number } }[] = [];
    const storage = new Map<string, unknown>();
    const wps = {
      CreateTaskPane(url: string, title: string) {
        const pane = { ID: `pane-${created.length + 1}`, Visible: false };
        created.push({ url, title, pane });
        return pane;
      },
      GetTaskPane: (id: string) => created.find((c) => c.pane.ID === id)?.pane ?? null,
      PluginStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: unknown) => storage.set(k, v),
      },
    };
    const sandbox: Record<string, unknown> = {
      wps,
      location: { href: 'https://台账.example.gov.cn/wps/index.html' },
      URL,
    };
    sandbox.window = sandbox;
    // An old embedded Chromium without globalThis: the polyfill must provide it from `window`.
    runInNewContext(`delete globalThis.globalThis; ${read('ribbon.js')}`, sandbox);
    const call = (name: string, arg: unknown) => runInNewContext(`${name}(arg)`, Object.assign(sandbox, { arg }));
    expect(call('OnAddinLoad', {})).toBe(true);
    expect(call('OnAddInLoad', {})).toBe(true);
    expect(call('OnAction', { Id: 'sgypPane' })).toBe(true);
    expect(created).toHaveLength(1);
    expect(created[0]?.url).toBe(new URL('https://台账.example.gov.cn/wps/taskpane.html').href);
    expect(created[0]?.title).toBe('四个一批台账');
    expect(created[0]?.pane).toMatchObject({ Visible: true, DockPosition: 2 });
    call('OnAction', { Id: 'sgypPane' });
    expect(created).toHaveLength(1); // the second click hides the same pane
    expect(created[0]?.pane.Visible).toBe(false);
    call('OnAction', { Id: 'sgypHelp' });
    expect(created[1]?.url).toMatch(/\/wps\/help\.html$/u);
    expect(call('GetImage', { Id: 'sgypPane' })).toBe('assets/icon-64.png');
  });
});
