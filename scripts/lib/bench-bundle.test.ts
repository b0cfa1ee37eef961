import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { initialAssets, measureBundle } from './bench-bundle.ts';

const HTML = `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/index-abc.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-def.js">
<link rel="stylesheet" crossorigin href="/assets/index-123.css">
<link rel="icon" href="/icons/icon.svg">
<script src="https://example.com/analytics.js"></script>
</head><body><div id="app"></div></body></html>`;

describe('initialAssets', () => {
  it('finds the entry module, its modulepreloads and stylesheets, ignoring icons and remote scripts', () => {
    expect(initialAssets(HTML)).toEqual({ js: ['assets/index-abc.js', 'assets/vendor-def.js'], css: ['assets/index-123.css'] });
  });
});

describe('measureBundle', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('sums the gzip sizes of the initial JS files only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-bundle-'));
    dirs.push(dir);
    await mkdir(join(dir, 'assets'));
    const entry = 'console.log("entry");'.repeat(500);
    const vendor = Array.from({ length: 4000 }, (_, i) => `v${i * 7919}`).join(';');
    await writeFile(join(dir, 'index.html'), HTML);
    await writeFile(join(dir, 'assets/index-abc.js'), entry);
    await writeFile(join(dir, 'assets/vendor-def.js'), vendor);
    await writeFile(join(dir, 'assets/lazy-chunk.js'), 'x'.repeat(100_000));
    await writeFile(join(dir, 'assets/index-123.css'), 'body{margin:0}');
    const size = await measureBundle(dir);
    const expected = (gzipSync(entry, { level: 9 }).byteLength + gzipSync(vendor, { level: 9 }).byteLength) / 1024;
    expect(size.initial_js_gz_kb).toBeCloseTo(expected, 2);
    expect(size.js_files).toEqual(['assets/index-abc.js', 'assets/vendor-def.js']);
    expect(size.initial_css_gz_kb).toBeCloseTo(gzipSync('body{margin:0}', { level: 9 }).byteLength / 1024, 2);
  });
});
