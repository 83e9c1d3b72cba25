import type { Locator, Page } from 'playwright-core';

export interface TargetFormValues {
  id: string;
  name: string;
  channel: 'wecom' | 'dingtalk' | 'sms';
  webhookUrl?: string;
  signSecret?: string;
}

/** The delivery settings form's fields, named after the engine's NotifySettings keys. */
export type DeliverySettingName =
  | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'robotPerMinute' | 'dingtalkBlockMs' | 'wecomRateLimitPauseMs' | 'smsThrottleDelayMs' | 'maxRateLimited'
  | 'quietStart' | 'quietEnd'
  | 'wecomRateLimit' | 'wecomTransient' | 'dingtalkRateLimit' | 'dingtalkTransient' | 'smsThrottle' | 'smsTransient';

/** The Notifications workspace: outbox, dead letters, targets with test send, delivery settings, and the inbox. */
export class NotifyPage {
  readonly root: Locator;
  readonly nav: Locator;
  readonly error: Locator;
  readonly notice: Locator;
  readonly outbox: Locator;
  readonly dead: Locator;
  readonly deadCount: Locator;
  readonly stateFilter: Locator;
  readonly targetFilter: Locator;
  readonly targetForm: Locator;
  readonly targetsNotice: Locator;
  readonly targetsError: Locator;
  readonly settings: Locator;
  readonly settingsSave: Locator;
  readonly settingsRestore: Locator;
  readonly settingsNotice: Locator;
  readonly settingsError: Locator;
  readonly settingsReadOnly: Locator;
  readonly settingsCodes: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByTestId('nav-notify');
    this.root = page.getByTestId('notify-workspace');
    this.error = this.root.getByTestId('notify-error');
    this.notice = this.root.getByTestId('notify-notice');
    this.outbox = this.root.getByTestId('notify-outbox');
    this.dead = this.root.getByTestId('notify-dead');
    this.deadCount = this.root.getByTestId('notify-dead-count');
    this.stateFilter = this.root.getByTestId('notify-state-filter');
    this.targetFilter = this.root.getByTestId('notify-target-filter');
    this.targetForm = this.root.getByTestId('notify-target-form');
    this.targetsNotice = this.root.getByTestId('notify-targets-notice');
    this.targetsError = this.root.getByTestId('notify-targets-error');
    this.settings = this.root.getByTestId('notify-settings');
    this.settingsSave = this.settings.getByTestId('notify-settings-save');
    this.settingsRestore = this.settings.getByTestId('notify-settings-restore');
    this.settingsNotice = this.settings.getByTestId('notify-settings-notice');
    this.settingsError = this.settings.getByTestId('notify-settings-error');
    this.settingsReadOnly = this.settings.getByTestId('notify-settings-readonly');
    this.settingsCodes = this.settings.getByTestId('notify-settings-codes');
  }

  async open(): Promise<void> {
    await this.nav.click();
    await this.root.waitFor();
  }

  tab(id: 'outbox' | 'dead' | 'targets' | 'settings' | 'inbox'): Locator {
    return this.root.getByTestId(`notify-tab-${id}`);
  }

  async addTarget(values: TargetFormValues): Promise<void> {
    await this.tab('targets').click();
    await this.root.getByTestId('notify-target-new').click();
    await this.targetForm.getByTestId('target-id').fill(values.id);
    await this.targetForm.getByTestId('target-name').fill(values.name);
    await this.targetForm.getByTestId('target-channel').selectOption(values.channel);
    if (values.webhookUrl) await this.targetForm.getByTestId('target-webhook').fill(values.webhookUrl);
    if (values.signSecret) await this.targetForm.getByTestId('target-sign-secret').fill(values.signSecret);
    await this.targetForm.getByTestId('target-save').click();
    await this.targetForm.waitFor({ state: 'detached' });
  }

  /** Opens 投递设置 and waits until the engine's settings fill the form. */
  async openSettings(): Promise<void> {
    await this.tab('settings').click();
    await this.setting('maxAttempts').waitFor();
  }

  setting(name: DeliverySettingName): Locator {
    return this.settings.getByTestId(`notify-setting-${name}`);
  }

  /** The form's own complaint about a field (the engine's refusals appear in settingsError). */
  settingProblem(name: DeliverySettingName): Locator {
    return this.settings.getByTestId(`notify-setting-${name}-problem`);
  }

  /** What the form shows, in the operator's units (seconds, minutes, HH:MM, comma-separated codes). */
  async settingValues(names: DeliverySettingName[]): Promise<Partial<Record<DeliverySettingName, string>>> {
    const values: Partial<Record<DeliverySettingName, string>> = {};
    for (const name of names) values[name] = await this.setting(name).inputValue();
    return values;
  }

  async fillSettings(values: Partial<Record<DeliverySettingName, string>>): Promise<void> {
    for (const [name, value] of Object.entries(values)) await this.setting(name as DeliverySettingName).fill(value);
  }

  async openErrorCodes(): Promise<void> {
    if ((await this.settingsCodes.getAttribute('open')) === null) await this.settingsCodes.locator('summary').click();
    await this.setting('wecomRateLimit').waitFor();
  }

  targetRow(id: string): Locator {
    return this.root.getByTestId(`target-row-${id}`);
  }

  async testSend(targetId: string): Promise<void> {
    await this.root.getByTestId(`target-test-${targetId}`).click();
  }

  /** Rows of the list on screen (outbox or dead letters) as `{ id, state, body }`. */
  async rows(list: Locator): Promise<Array<{ id: number; state: string; body: string }>> {
    const rows = list.locator('tbody tr');
    const out: Array<{ id: number; state: string; body: string }> = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const id = Number((await row.getAttribute('data-testid'))?.replace('notification-', ''));
      out.push({ id, state: (await row.getByTestId(`notification-state-${id}`).textContent()) ?? '', body: (await row.locator('.notify__message').textContent()) ?? '' });
    }
    return out;
  }

  stateOf(id: number): Locator {
    return this.root.getByTestId(`notification-state-${id}`);
  }

  errorOf(id: number): Locator {
    return this.root.getByTestId(`notification-error-${id}`);
  }

  retryButton(id: number): Locator {
    return this.root.getByTestId(`notification-retry-${id}`);
  }
}
