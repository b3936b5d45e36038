/**
 * The Worker as uploaded stays within issue 15's limits (wrangler's own Total Upload figures), and
 * the minified bundle still starts in workerd and answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Bundle,
  buildBundle,
  coldStartOnce,
  MAX_UPLOAD_GZIP_KIB,
  MAX_UPLOAD_KIB,
  removeBundle,
} from './worker-bundle.js';

describe('the Worker upload', () => {
  let bundle: Bundle;
  beforeAll(() => {
    bundle = buildBundle();
  }, 120000);
  afterAll(() => removeBundle(bundle));

  it(`is at most ${MAX_UPLOAD_KIB} KiB, ${MAX_UPLOAD_GZIP_KIB} KiB gzip`, () => {
    console.log(`Worker upload: ${bundle.kib} KiB / gzip ${bundle.gzipKib} KiB`);
    expect(bundle.kib).toBeLessThanOrEqual(MAX_UPLOAD_KIB);
    expect(bundle.gzipKib).toBeLessThanOrEqual(MAX_UPLOAD_GZIP_KIB);
  });

  it('reports the bundle wrangler wrote (its figures match index.js)', () => {
    // wrangler's KiB are index.js's bytes; its gzip is within a few per cent of gzip -9 of them.
    expect(Math.abs(bundle.kib - bundle.bytes / 1024)).toBeLessThan(0.01 * bundle.kib);
    expect(Math.abs(bundle.gzipKib - bundle.gzipBytes / 1024)).toBeLessThan(0.05 * bundle.gzipKib);
  });

  it('starts in workerd and answers an unauthenticated request with 401', async () => {
    const { status } = await coldStartOnce(readFileSync(join(bundle.dir, 'index.js'), 'utf8'));
    expect(status).toBe(401);
  }, 60000);
});
