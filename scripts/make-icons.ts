/**
 * `npm exec tsx scripts/make-icons.ts`: renders the app icon SVG (public/icons/icon.svg) to PNGs
 * for the web app manifest with headless Chromium (playwright-core, no extra packages):
 * `icon-<n>.png` for the usual sizes, and `maskable-<n>.png` where the glyph sits inside the
 * 80 % safe-zone circle on a full-bleed background, so launchers can crop it to any shape.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ICON_SIZES = [48, 72, 96, 128, 144, 152, 180, 192, 256, 384, 512] as const;
export const MASKABLE_SIZES = [192, 512] as const;
export const BRAND_COLOUR = '#1d4ed8';

const OUT = fileURLToPath(new URL('../public/icons/', import.meta.url));

/** The maskable variant: square background, glyph scaled about the centre to stay in the safe zone. */
export function maskableSvg(iconSvg: string): string {
  const inner = iconSvg
    .replace(/^<svg[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/<rect[^>]*\/>/, '');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">` +
    `<rect width="512" height="512" fill="${BRAND_COLOUR}"/>` +
    `<g transform="translate(256 256) scale(0.8) translate(-256 -256)">${inner}</g></svg>`
  );
}

async function render(svg: string, size: number, browserPage: import('playwright-core').Page): Promise<Buffer> {
  await browserPage.setViewportSize({ width: size, height: size });
  const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await browserPage.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${url}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await browserPage.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  return browserPage.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

async function main(): Promise<void> {
  const icon = await readFile(`${OUT}icon.svg`, 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await mkdir(OUT, { recursive: true });
    for (const size of ICON_SIZES) await writeFile(`${OUT}icon-${size}.png`, await render(icon, size, page));
    const maskable = maskableSvg(icon);
    await writeFile(`${OUT}maskable.svg`, maskable);
    for (const size of MASKABLE_SIZES) await writeFile(`${OUT}maskable-${size}.png`, await render(maskable, size, page));
    process.stderr.write(`Wrote ${ICON_SIZES.length + MASKABLE_SIZES.length} PNG icons to ${OUT}\n`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
