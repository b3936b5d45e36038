/** The XML add-in-only manifest: structure (parsed), well-formedness (xmllint), icons, and the build output. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin, DEV_ORIGIN } from '../build.js';
import { ADDIN_ID, sideloadInstructions } from '../sideload.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const MANIFEST = join(ROOT, 'manifest.xml');
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';

const text = readFileSync(MANIFEST, 'utf8');
const doc = new DOMParser().parseFromString(text, 'text/xml');
const root = doc.documentElement as unknown as Element;

const children = (el: Element, name?: string): Element[] =>
  Array.from(el.childNodes as unknown as ArrayLike<Element>).filter(
    (n) => n.nodeType === 1 && (name === undefined || n.localName === name),
  );
const child = (el: Element, name: string): Element => {
  const found = children(el, name)[0];
  if (!found) throw new Error(`<${el.localName}> has no <${name}>`);
  return found;
};
const all = (name: string, ns?: string): Element[] =>
  Array.from(
    (ns ? doc.getElementsByTagNameNS(ns, name) : doc.getElementsByTagName(name)) as unknown as ArrayLike<Element>,
  );

describe('manifest.xml', () => {
  it('is well-formed (xmllint --noout)', () => {
    const r = spawnSync('xmllint', ['--noout', MANIFEST], { encoding: 'utf8' });
    expect(r.error, 'xmllint (Debian libxml2-utils) must be installed').toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('is an Excel task pane add-in with children in schema order', () => {
    expect(root.localName).toBe('OfficeApp');
    expect(root.getAttributeNS(XSI, 'type')).toBe('TaskPaneApp');
    const order = children(root).map((e) => e.localName);
    expect(order).toEqual([
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ]);
    expect(child(root, 'Id').textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u);
    expect(child(root, 'Id').textContent).toBe(ADDIN_ID);
    expect(sideloadInstructions()).toContain(ADDIN_ID);
    expect(child(root, 'Version').textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/u);
    expect(children(child(root, 'Hosts')).map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(child(root, 'Permissions').textContent).toBe('ReadWriteDocument');
  });

  it('is Chinese by default with an en-US override, within the length limits', () => {
    expect(child(root, 'DefaultLocale').textContent).toBe('zh-CN');
    for (const [name, max] of [
      ['DisplayName', 125],
      ['Description', 250],
    ] as const) {
      const el = child(root, name);
      const value = el.getAttribute('DefaultValue') ?? '';
      expect(value).toMatch(/[\u4e00-\u9fff]/u);
      expect(value.length).toBeLessThanOrEqual(max);
      const override = child(el, 'Override');
      expect(override.getAttribute('Locale')).toBe('en-US');
      expect(override.getAttribute('Value')).toMatch(/^[\x20-\x7e]+$/u);
    }
    expect(child(root, 'DisplayName').getAttribute('DefaultValue')).toBe('四个一批台账');
  });

  it('requires ExcelApi 1.8 and nothing newer', () => {
    const sets = children(child(child(root, 'Requirements'), 'Sets'), 'Set');
    expect(sets.map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')])).toEqual([['ExcelApi', '1.8']]);
  });

  it('puts a «四个一批» group with a task pane button on the Home tab', () => {
    const host = all('Host').find((h) => h.getAttributeNS(XSI, 'type') === 'Workbook');
    if (!host) throw new Error('no VersionOverrides host');
    const tab = all('OfficeTab')[0];
    expect(tab?.getAttribute('id')).toBe('TabHome');
    const group = child(tab as Element, 'Group');
    const strings = new Map(all('String', BT).map((s) => [s.getAttribute('id'), s]));
    const label = (el: Element) => strings.get(child(el, 'Label').getAttribute('resid'))?.getAttribute('DefaultValue');
    expect(label(group)).toBe('四个一批');
    const control = child(group, 'Control');
    expect(control.getAttributeNS(XSI, 'type')).toBe('Button');
    const act = child(control, 'Action');
    expect(act.getAttributeNS(XSI, 'type')).toBe('ShowTaskpane');
    expect(
      strings
        .get(child(group, 'Label').getAttribute('resid'))
        ?.getElementsByTagNameNS(BT, 'Override')[0]
        ?.getAttribute('Locale'),
    ).toBe('en-US');
  });

  it('resolves every resid, keeps string limits, and uses https on one origin', () => {
    const ids = new Set(
      all('*').flatMap((e) => (e.namespaceURI === BT && e.getAttribute('id') ? [e.getAttribute('id')] : [])),
    );
    for (const el of all('*')) {
      const resid = el.getAttribute('resid');
      if (resid) expect(ids.has(resid), `resid ${resid}`).toBe(true);
    }
    const shorts = Array.from(
      all('ShortStrings', BT)[0]?.getElementsByTagNameNS(BT, 'String') as unknown as ArrayLike<Element>,
    );
    for (const s of shorts) expect((s.getAttribute('DefaultValue') ?? '').length).toBeLessThanOrEqual(125);
    const longs = Array.from(
      all('LongStrings', BT)[0]?.getElementsByTagNameNS(BT, 'String') as unknown as ArrayLike<Element>,
    );
    for (const s of longs) expect((s.getAttribute('DefaultValue') ?? '').length).toBeLessThanOrEqual(250);
    const urls = [...text.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/gu)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(new URL(u).origin).toBe(DEV_ORIGIN);
  });

  it('points its icons at real PNG files of the declared sizes', () => {
    const images = all('Image', BT).filter((i) => i.getAttribute('DefaultValue'));
    const declared = new Map(images.map((i) => [i.getAttribute('id'), i.getAttribute('DefaultValue') as string]));
    const sizes = all('Image', BT)
      .filter((i) => i.getAttribute('size'))
      .map((i) => [Number(i.getAttribute('size')), declared.get(i.getAttribute('resid'))] as const);
    const files = [
      ...sizes,
      [32, child(root, 'IconUrl').getAttribute('DefaultValue')] as const,
      [64, child(root, 'HighResolutionIconUrl').getAttribute('DefaultValue')] as const,
    ];
    expect(new Set(sizes.map(([s]) => s))).toEqual(new Set([16, 32, 80]));
    for (const [size, url] of files) {
      const path = join(ROOT, 'addin', new URL(url as string).pathname);
      const png = readFileSync(path);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});

describe('build output (addin/dist layout)', () => {
  let dir = '';
  let dist = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sgyp-build-'));
    dist = await buildAddin({ outDir: join(dir, 'dist'), origin: 'https://ledger.example.gov.cn' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves Office.js from the package on the same origin, never a CDN', () => {
    const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/gu)].map((m) => m[1]);
    expect(scripts).toEqual(['office-js/office.js', 'main.js']);
    for (const file of [
      'office.js',
      'excel-web-16.00.js',
      'excel-win32-16.01.js',
      'zh-cn/office_strings.js',
      'en-us/office_strings.js',
    ])
      expect(existsSync(join(dist, 'office-js', file)), file).toBe(true);
    expect(existsSync(join(dist, 'office-js', 'outlook-web-16.01.js'))).toBe(false);
  });

  it('writes the manifest for the deployment origin', () => {
    const built = readFileSync(join(dist, 'manifest.xml'), 'utf8');
    expect(built).not.toContain('localhost');
    expect(built).toContain('https://ledger.example.gov.cn/taskpane.html');
  });

  it('carries the WPS add-in folder under wps/, listed at the same origin', () => {
    expect(existsSync(join(dist, 'wps', 'ribbon.xml'))).toBe(true);
    expect(existsSync(join(dist, 'wps', 'taskpane.js'))).toBe(true);
    expect(readFileSync(join(dist, 'wps', 'jsplugins.xml'), 'utf8')).toContain(
      'url="https://ledger.example.gov.cn/wps/"',
    );
  });

  it("keeps the pane's first load small: main.js ≤ 80 KiB gzip (zod/mini only, no zod locales)", () => {
    const js = readFileSync(join(dist, 'main.js'));
    expect(gzipSync(js).length).toBeLessThanOrEqual(80 * 1024);
    // answers are checked with zod/mini (shared/api): the classic namespace (ZodMini* only) stays out
    expect(js.toString('utf8')).not.toMatch(/"ZodString"|zod\.dev/u);
    expect(js.toString('utf8')).toMatch(/ZodMini/u);
    expect(js.toString('utf8')).toContain('一键校验');
  });
});
