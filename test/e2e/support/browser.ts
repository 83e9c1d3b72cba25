import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { beforeEach } from 'vitest';

/** The system Chromium (Debian package `chromium`); playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = process.env.ORDER_HUB_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    // Fail, never skip: a missing browser must not turn the end-to-end suite green.
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium fonts-noto-cjk) ` +
        'or point ORDER_HUB_CHROMIUM at a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A desk-sized window in Shanghai time with a Chinese browser, like the operators'. */
export async function newDesk(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/**
 * In a journey whose steps share one page: a step that failed with a dialog open must not leave it
 * over the next steps. Call inside the describe; `page` is read when a step fails.
 */
export function closeDialogsAfterFailure(page: () => Page): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      if ((await page().getByRole('dialog').count()) > 0) await page().keyboard.press('Escape');
    });
  });
}
