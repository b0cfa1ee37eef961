/**
 * Startup timings of the real app (dist/ with its service worker) in a fresh Chromium profile,
 * read from the page's own clock: a MutationObserver installed before any app script records
 * `performance.now()` (origin = navigation start) when the header first shows the loaded
 * workspace and when the chat textbox is first enabled.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { forwardConsole, launchOptions } from './bench-browser.ts';

export interface StartupResult {
  /** Navigation start → header shows "N clients · M passages" on the very first visit (demo data seeded). */
  first_run_ms: number;
  /** Reload with the service worker in control → workspace in the header and chat textbox enabled. */
  cold_ms: number;
  /** Whether the reloaded page was controlled by the service worker. */
  controlled: boolean;
  /** What cold_ms waited for: the chat textbox (and header), or the header alone if there is no chat box. */
  cold_target: 'chat' | 'header';
  /** The header's boot-step texts over time, to see where startup time goes. */
  first_run_steps: StartupStep[];
  cold_steps: StartupStep[];
  notes: string[];
}

export const WORKSPACE_TEXT = /[\d,]+ clients · [\d,]+ passages/;
export const CHAT_BOX_NAME = 'Ask the co-pilot';

/** Plain JS (not a tsx-compiled function) so nothing but the page's own globals is needed. */
const MARKS_SCRIPT = `(() => {
  const marks = { workspace: null, chat: null, chatSeen: false, steps: [] };
  window.__startupMarks = marks;
  // Promises to await from the driver: waitForFunction evaluates strings, which the app's CSP forbids.
  const wait = {};
  wait.workspace = new Promise((resolve) => (wait.onWorkspace = resolve));
  wait.chat = new Promise((resolve) => (wait.onChat = resolve));
  window.__startupWait = wait;
  const workspaceRe = ${WORKSPACE_TEXT.toString()};
  const chatName = ${JSON.stringify(CHAT_BOX_NAME.toLowerCase())};
  const nameOf = (el) => {
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ');
    if (el.labels && el.labels.length) return Array.from(el.labels).map((l) => l.textContent || '').join(' ');
    return el.getAttribute('placeholder') || el.getAttribute('title') || '';
  };
  const check = () => {
    const t = performance.now();
    const header = document.querySelector('header');
    const headerText = header ? (header.textContent || '').replace(/\\s+/g, ' ').trim() : '';
    const last = marks.steps[marks.steps.length - 1];
    if (headerText && (!last || last.text !== headerText)) marks.steps.push({ t, text: headerText });
    if (marks.workspace === null && workspaceRe.test(headerText)) {
      marks.workspace = t;
      wait.onWorkspace(t);
    }
    if (marks.chat === null) {
      for (const el of document.querySelectorAll('textarea, input, [role="textbox"]')) {
        if (nameOf(el).trim().toLowerCase() !== chatName) continue;
        marks.chatSeen = true;
        if (!el.disabled && el.getAttribute('aria-disabled') !== 'true') {
          marks.chat = t;
          wait.onChat(t);
          break;
        }
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

interface Marks {
  workspace: number | null;
  chat: number | null;
  chatSeen: boolean;
  /** Every distinct header text (the app's boot steps) with when it appeared. */
  steps: { t: number; text: string }[];
}

/** One boot step as shown in the header, ms after navigation start. */
export interface StartupStep {
  ms: number;
  header: string;
}

const toSteps = (m: Marks): StartupStep[] => m.steps.map((s) => ({ ms: Math.round(s.t), header: s.text }));

const readMarks = (page: Page): Promise<Marks> => page.evaluate('window.__startupMarks') as Promise<Marks>;

/** Awaits one of the init script's promises (`window.__startupWait[what]`), up to `timeoutMs`. */
async function waitForMark(page: Page, what: 'workspace' | 'chat', timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)), timeoutMs);
  });
  try {
    await Promise.race([page.evaluate(`window.__startupWait.${what}`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitForWorkspace(page: Page, timeoutMs: number): Promise<number> {
  try {
    await waitForMark(page, 'workspace', timeoutMs);
  } catch (err) {
    // Say what the page showed instead, e.g. a boot error.
    const steps = await readMarks(page).then(toSteps, () => []);
    const main = await page
      .locator('main')
      .innerText({ timeout: 1000 })
      .catch(() => '');
    const seen = steps.map((s) => `${s.ms} ms "${s.header}"`).join(' → ') || 'nothing';
    throw new Error(
      `The header never showed "N clients · M passages" within ${timeoutMs} ms. Header: ${seen}. Page: ${main.slice(0, 300).replace(/\s+/g, ' ')}`,
      { cause: err },
    );
  }
  // Cross-check with Playwright's own view of the header.
  await page.locator('header').getByText(WORKSPACE_TEXT).first().waitFor({ state: 'visible', timeout: timeoutMs });
  const marks = await readMarks(page);
  return marks.workspace ?? Number.NaN;
}

/** Measures first run, then (service worker in control) a reload. */
export async function measureStartup(appUrl: string, log: (line: string) => void, timeoutMs = 60_000): Promise<StartupResult> {
  const profile = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, launchOptions());
  const notes: string[] = [];
  try {
    forwardConsole(context, log);
    await context.addInitScript({ content: MARKS_SCRIPT });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${appUrl}/#/chat`, { waitUntil: 'commit' });
    const firstRun = await waitForWorkspace(page, timeoutMs);
    const firstRunSteps = toSteps(await readMarks(page));
    log(`startup: first run ${Math.round(firstRun)} ms`);

    // The app registers its service worker by the time the workspace is up; wait for it to activate.
    const sw = (await page.evaluate(`(async () => {
      if (!navigator.serviceWorker) return 'unsupported';
      if (!(await navigator.serviceWorker.getRegistration())) return 'unregistered';
      const ready = await Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 30000))]);
      return ready ? 'active' : 'timeout';
    })()`)) as 'unsupported' | 'unregistered' | 'active' | 'timeout';
    if (sw === 'unregistered') notes.push('the app registered no service worker during the first run: the reload was served by the network');
    else if (sw !== 'active') notes.push(`service worker not active after the first run (${sw}): the reload was served by the network`);

    await page.reload({ waitUntil: 'commit' });
    const workspace = await waitForWorkspace(page, timeoutMs);
    const controlled = (await page.evaluate('navigator.serviceWorker ? navigator.serviceWorker.controller !== null : false')) as boolean;
    const chatBox = page.getByRole('textbox', { name: CHAT_BOX_NAME });
    let cold = workspace;
    let target: StartupResult['cold_target'] = 'header';
    // The chat box may render a moment after the header; give it a bounded chance to appear.
    const hasChatBox = await chatBox
      .first()
      .waitFor({ state: 'attached', timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
    if (hasChatBox || (await readMarks(page)).chatSeen) {
      await waitForMark(page, 'chat', timeoutMs);
      const chat = (await readMarks(page)).chat ?? Number.NaN;
      cold = Math.max(workspace, chat);
      target = 'chat';
    } else {
      notes.push(`no textbox named "${CHAT_BOX_NAME}" on the chat page yet: cold_ms measured to the header text only`);
    }
    log(`startup: cold ${Math.round(cold)} ms (service worker controlling: ${controlled})`);
    return {
      first_run_ms: Math.round(firstRun),
      cold_ms: Math.round(cold),
      controlled,
      cold_target: target,
      first_run_steps: firstRunSteps,
      cold_steps: toSteps(await readMarks(page)),
      notes,
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
