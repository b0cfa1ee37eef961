import { test, expect, type Page } from '@playwright/test';
import { goTo, openApp, type PageName } from './support/app.ts';
import { ask } from './support/chat.ts';
import { contrastRatio } from './support/contrast.ts';

const PAGES: PageName[] = ['Chat', 'Clients', 'Playbook', 'Evaluate', 'Feedback', 'Settings'];

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

for (const size of [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
]) {
  test(`at ${size.width}×${size.height} every page fits the screen and the menu reaches all six`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await ask(page, 'How much has TechGiant spent so far?');
    expect(await pageWidth(page)).toBeLessThanOrEqual(size.width);

    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link')).toHaveText(PAGES);
    for (const link of await nav.getByRole('link').all()) await expect(link).toBeInViewport();
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    // A tap outside the open menu closes it too.
    await menu.click();
    await expect(nav).toBeVisible();
    await page.mouse.click(size.width / 2, size.height - 10);
    await expect(nav).toBeHidden();

    for (const name of PAGES) {
      await goTo(page, name);
      await expect(nav).toBeHidden();
      expect(await pageWidth(page), `${name} page width`).toBeLessThanOrEqual(size.width);
    }
    await page.goto('/#/clients/4');
    await expect(page.getByRole('heading', { level: 1, name: 'GreenLeaf Grocers' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'From the playbook' })).toContainText('Gold');
    expect(await pageWidth(page), 'client page width').toBeLessThanOrEqual(size.width);
    await expect(page.getByRole('button', { name: 'Ask about this client' })).toBeInViewport();
  });
}

test('keyboard: a skip link first, a focus ring of at least 3:1, and the client table scrolls by keyboard', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/#\/chat$|\/$/);

  // The ring around a focused control stands out from the page behind it.
  await goTo(page, 'Clients');
  const search = page.getByLabel('Search clients');
  await search.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(search).toBeFocused();
  const ring = await search.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      color: s.outlineColor,
      width: parseFloat(s.outlineWidth),
      style: s.outlineStyle,
      page: getComputedStyle(document.body).backgroundColor,
      main: getComputedStyle(el.closest('main')!).backgroundColor,
    };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  const background = ring.main === 'rgba(0, 0, 0, 0)' ? ring.page : ring.main;
  expect(contrastRatio(ring.color, background)).toBeGreaterThanOrEqual(3);
  expect(contrastRatio(ring.color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);

  // On a phone the client table is wider than the screen: its scroll area takes focus and arrow keys.
  await page.setViewportSize({ width: 390, height: 844 });
  const region = page.getByRole('region', { name: 'Client list, scrollable' });
  await region.focus();
  await expect(region).toBeFocused();
  const before = await region.evaluate((el) => el.scrollLeft);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
});
