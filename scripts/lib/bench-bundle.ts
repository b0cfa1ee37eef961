/**
 * Initial JS weight of the built app: gzip (level 9) size of the entry module script in
 * dist/index.html plus its modulepreloads, i.e. what loads before first render. Lazy chunks
 * (workers, dynamic imports) do not count.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  initial_js_gz_kb: number;
  initial_css_gz_kb: number;
  /** The files counted, relative to the dist folder. */
  js_files: string[];
  css_files: string[];
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
}

/** Local asset paths the HTML loads up front: module scripts + modulepreloads, and stylesheets. */
export function initialAssets(html: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && /type\s*=\s*["']module["']/i.test(tag)) js.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')?.toLowerCase();
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel === 'modulepreload') js.add(href);
    else if (rel === 'stylesheet') css.add(href);
  }
  const local = (p: string) => !/^[a-z]+:\/\//i.test(p) && !p.startsWith('//');
  const clean = (p: string) => p.replace(/^\.?\//, '').split(/[?#]/)[0];
  return { js: [...js].filter(local).map(clean), css: [...css].filter(local).map(clean) };
}

async function gzKb(dir: string, files: string[]): Promise<number> {
  let bytes = 0;
  for (const f of files) bytes += gzipSync(await readFile(join(dir, f)), { level: 9 }).byteLength;
  return Math.round((bytes / 1024) * 100) / 100;
}

/** Measures the initial JS and CSS of a built folder containing index.html. */
export async function measureBundle(distDir: string): Promise<BundleSize> {
  const { js, css } = initialAssets(await readFile(join(distDir, 'index.html'), 'utf8'));
  if (js.length === 0) throw new Error(`No module script found in ${join(distDir, 'index.html')}.`);
  return { initial_js_gz_kb: await gzKb(distDir, js), initial_css_gz_kb: await gzKb(distDir, css), js_files: js, css_files: css };
}
