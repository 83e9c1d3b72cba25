import type { Locator, Page } from 'playwright-core';

export type PartnerId = 'kuaidi100' | 'kdniao' | 'sf' | 'zto' | 'jd';

/** The Logistics workspace's "物流接口" tab: the tracking partners' table and its settings dialog. */
export class LogisticsPartnersPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly notice: Locator;
  readonly form: Locator;
  readonly testResult: Locator;
  readonly formError: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('logistics-tab-partners');
    this.panel = page.getByTestId('partners-panel');
    this.notice = this.panel.getByTestId('partners-notice');
    this.form = page.getByTestId('partner-form');
    this.testResult = this.form.getByTestId('partner-test-result');
    this.formError = this.form.getByTestId('partner-form-error');
    this.save = this.form.getByTestId('partner-save');
  }

  /** From anywhere in the console: the Logistics workspace, then this tab. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-logistics').click();
    await this.tab.click();
    await this.panel.waitFor();
  }

  row(partner: PartnerId): Locator {
    return this.panel.getByTestId(`partner-row-${partner}`);
  }

  state(partner: PartnerId): Locator {
    return this.row(partner).getByTestId('partner-state');
  }

  source(partner: PartnerId): Locator {
    return this.row(partner).getByTestId('partner-source');
  }

  endpoint(partner: PartnerId): Locator {
    return this.row(partner).getByTestId('partner-endpoint');
  }

  async edit(partner: PartnerId): Promise<void> {
    await this.row(partner).getByTestId(`partner-edit-${partner}`).click();
    await this.form.waitFor();
  }

  field(key: string): Locator {
    return this.form.getByTestId(`partner-field-${key}`);
  }

  /** Fills the credential fields named, and the endpoint override when given. */
  async fill(credentials: Record<string, string>, endpoint?: string): Promise<void> {
    for (const [key, value] of Object.entries(credentials)) await this.field(key).fill(value);
    if (endpoint !== undefined) await this.form.getByTestId('partner-endpoint').fill(endpoint);
  }

  /** Starts the connection test; the answer replaces `testResult` (wait for its text). */
  async testConnection(): Promise<void> {
    await this.form.getByTestId('partner-test').click();
  }

  /** Every input's current value in the open dialog (to prove no stored secret came back). */
  async inputValues(): Promise<string[]> {
    return this.form.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.form.waitFor({ state: 'detached' });
  }
}
