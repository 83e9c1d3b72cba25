import type { Locator } from 'playwright-core';

/**
 * Polls a locator's text until it matches: vitest has no auto-retrying web assertions (those live
 * in @playwright/test, which this project does not install), so waits are explicit and bounded.
 */
export async function waitForText(locator: Locator, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = ((await locator.first().textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => '')) ?? '').trim();
    const ok = typeof expected === 'string' ? last.includes(expected) : expected.test(last);
    if (ok) return last;
    if (Date.now() > deadline && process.env.E2E_DEBUG_SHOTS) await locator.page().screenshot({ path: `/tmp/fail-${Date.now()}.png` });
    if (Date.now() > deadline) throw new Error(`Text of ${String(locator)} never matched ${String(expected)}; last was "${last}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until every locator match satisfies the predicate (and there is at least one). */
export async function waitForAll(locator: Locator, predicate: (texts: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let texts: string[] = [];
  for (;;) {
    texts = (await locator.allTextContents()).map((t) => t.trim());
    if (texts.length > 0 && predicate(texts)) return texts;
    if (Date.now() > deadline && process.env.E2E_DEBUG_SHOTS) await locator.page().screenshot({ path: `/tmp/fail-${Date.now()}.png` });
    if (Date.now() > deadline) throw new Error(`Texts of ${String(locator)} never matched; last were ${JSON.stringify(texts.slice(0, 10))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
