#!/usr/bin/env node
// Runs before `npm test`: the test suite drives real programs (Chromium for the task pane,
// LibreOffice + poppler for print renders and round trips, xmllint for the manifest, CJK fonts for
// both). A missing one is installed here when we can (root with apt-get, as `.ci/run` does), or the
// run stops at once with the exact command — no test ever skips because a tool is missing.
// Set SIGE_NO_APT=1 to never install (then the command is printed instead).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the tests need: how to tell it is there, and the Debian package that brings it. */
const PREREQUISITES = [
  { what: 'Chromium', present: () => existsSync('/usr/bin/chromium'), pkg: 'chromium' },
  { what: 'LibreOffice Calc', present: () => onPath('soffice'), pkg: 'libreoffice-calc-nogui' },
  { what: 'pdftotext / pdftoppm', present: () => onPath('pdftotext') && onPath('pdftoppm'), pkg: 'poppler-utils' },
  { what: 'xmllint', present: () => onPath('xmllint'), pkg: 'libxml2-utils' },
  { what: '中文字体 (Noto CJK)', present: () => hasFont(':lang=zh', /Noto (Sans|Serif) CJK/u), pkg: 'fonts-noto-cjk' },
  // Calibri's metrics: LibreOffice then lays out column widths as Excel does (print tests).
  { what: 'Carlito font', present: () => hasFont('Carlito', /Carlito/u), pkg: 'fonts-crosextra-carlito' },
];

function onPath(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

function hasFont(pattern, family) {
  const r = spawnSync('fc-list', [pattern, 'family'], { encoding: 'utf8' });
  return r.status === 0 && family.test(r.stdout);
}

function missingPackages() {
  return PREREQUISITES.filter((p) => !p.present()).map((p) => p.pkg);
}

function canInstall() {
  return process.env.SIGE_NO_APT !== '1' && process.getuid?.() === 0 && onPath('apt-get');
}

function install(packages) {
  console.error(`[test] 安装测试所需的 Debian 软件包: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) return false;
  }
  return true;
}

const missing = missingPackages();
if (missing.length > 0) {
  const command = `sudo apt-get install -y ${missing.join(' ')}`;
  if (!canInstall() || !install(missing) || missingPackages().length > 0) {
    console.error(
      `[test] Missing test prerequisites (${missing.join(', ')}). Install them, then run npm test again:\n  ${command}`,
    );
    process.exit(1);
  }
}
