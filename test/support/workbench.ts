// Driving the code-server workbench the way a person does: keys, the command palette, the quick
// fix menu, the Problems panel, the status bar, notifications. Headless Debian Chromium through
// playwright-core; each step can leave a screenshot under test-results/.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import type { Cleanup } from './cleanup';
import { CHROMIUM_PATH } from './code-server';
import { REPO_ROOT } from './paths';

export interface ProblemRow {
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: string;
  rule: string;
}

export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'test-results/e2e');
/** Generous: the workbench loads in ~10 s and the extension host starts after it. */
export const UI_TIMEOUT_MS = 60_000;

export async function launchChromium(cleanup: Cleanup): Promise<Browser> {
  const profile = cleanup.tempDir('chromium');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  });
  cleanup.add('close Chromium', () => browser.close());
  return browser;
}

/** Hooks the workbench calls while it runs an extension test suite (see test/e2e/integration.test.ts). */
export interface AutomationHooks {
  log(type: string, args: unknown[]): void;
  exit(code: number): void;
}

export class Workbench {
  private step = 0;

  private constructor(
    readonly page: Page,
    private readonly screenshotsDir: string,
  ) {}

  static async open(browser: Browser, url: string, screenshotsName: string, hooks?: AutomationHooks): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    if (hooks) {
      await page.exposeFunction('codeAutomationLog', hooks.log);
      await page.exposeFunction('codeAutomationExit', hooks.exit);
    }
    const screenshotsDir = path.join(SCREENSHOTS_DIR, screenshotsName);
    fs.rmSync(screenshotsDir, { recursive: true, force: true });
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
    return new Workbench(page, screenshotsDir);
  }

  /** Saves test-results/e2e/<suite>/<NN>-<name>.png. */
  async screenshot(name: string): Promise<void> {
    const file = path.join(this.screenshotsDir, `${String(++this.step).padStart(2, '0')}-${name}.png`);
    // The pointer rests where the last click was and its hover tooltip would cover the picture: park
    // it over the explorer's empty space.
    await this.page.mouse.move(170, 500);
    await this.page.screenshot({ path: file });
  }

  /** F1, type the command's title, pick the row that carries exactly that title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.getByText(title, { exact: true }) });
    await row.first().waitFor({ timeout: UI_TIMEOUT_MS });
    await row.first().click();
  }

  /** Control+P, the file's name, Enter; resolves when its editor is the active one. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** The text of the active editor, as rendered (monaco shows spaces as U+00A0). */
  async editorText(): Promise<string> {
    const text = await this.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  /**
   * Opens the Problems panel, maximised so that every row is rendered (`maximised` true), or puts it
   * back to its normal size (false).
   */
  async showProblems(maximised: boolean): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ timeout: UI_TIMEOUT_MS });
    }
    // A maximised panel hides the editor area, and the workbench says so with this class.
    const isMaximised = (await this.page.locator('.monaco-workbench.nomaineditorarea').count()) > 0;
    if (isMaximised !== maximised) await this.runCommand('View: Toggle Maximized Panel');
  }

  /** The marker rows of the Problems panel (file rows and related-location rows left out). */
  async problemRows(): Promise<ProblemRow[]> {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const seen = await rows.evaluateAll((elements) => elements.map((e) => ({ label: e.getAttribute('aria-label') ?? '', text: (e as unknown as { innerText: string }).innerText })));
    return seen.flatMap(({ label, text }) => {
      const severity = /^(Error|Warning|Info): /.exec(label)?.[1];
      if (!severity) return [];
      // The row reads: message, source, code, [Ln, Col].
      const [message, source, rule] = text.split('\n').map((part: string) => part.trim());
      return [{ severity: severity === 'Error' ? 'error' : severity === 'Warning' ? 'warning' : 'info', message, source, rule }];
    });
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText: text });
  }

  /** A notification toast, once it has finished fading in. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast.notification-fade-in-done .notification-list-item-message', { hasText: text });
  }
}
