import type { Locator, Page } from 'playwright-core';
import { waitForText } from '../support/waits.js';

export type ShopState = 'ok' | 'syncing' | 'failing' | 'auth-failed' | 'circuit-open' | 'never-synced' | 'disabled';

export interface ShopFormValues {
  channel: string;
  id: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken?: string;
  platformShopId?: string;
  backfillDays?: number;
}

export interface CredentialValues {
  appKey: string;
  appSecret: string;
  accessToken?: string;
}

/** The Channels workspace: shops and their sync health, the add-shop and credentials forms, history. */
export class ChannelsPage {
  readonly root: Locator;
  readonly addShop: Locator;
  readonly refresh: Locator;
  readonly table: Locator;
  readonly empty: Locator;
  readonly notice: Locator;
  readonly error: Locator;
  readonly unknownStatuses: Locator;
  readonly runsPanel: Locator;
  readonly runsRows: Locator;
  /** The add-shop dialog, or the credentials dialog of an existing shop (same field testids). */
  readonly form: Locator;
  readonly credentialsForm: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('channels-workspace');
    this.addShop = this.root.getByTestId('channels-add');
    this.refresh = this.root.getByTestId('channels-refresh');
    this.table = this.root.getByTestId('channels-table');
    this.empty = this.root.getByTestId('channels-empty');
    this.notice = this.root.getByTestId('channels-notice');
    this.error = this.root.getByTestId('channels-error');
    this.unknownStatuses = this.root.getByTestId('unknown-statuses');
    this.runsPanel = this.root.getByTestId('runs-panel');
    this.runsRows = this.runsPanel.getByTestId('runs-row');
    this.form = page.getByTestId('shop-form');
    this.credentialsForm = page.getByTestId('shop-credentials-form');
  }

  row(shopId: string): Locator {
    return this.root.getByTestId(`shop-row-${shopId}`);
  }

  state(shopId: string): Locator {
    return this.root.getByTestId(`shop-state-${shopId}`);
  }

  syncNow(shopId: string): Locator {
    return this.root.getByTestId(`shop-sync-${shopId}`);
  }

  rescan(shopId: string): Locator {
    return this.root.getByTestId(`shop-rescan-${shopId}`);
  }

  toggle(shopId: string): Locator {
    return this.root.getByTestId(`shop-toggle-${shopId}`);
  }

  lastError(shopId: string): Locator {
    return this.root.getByTestId(`shop-error-${shopId}`);
  }

  lastErrorRaw(shopId: string): Locator {
    return this.root.getByTestId(`shop-error-${shopId}-raw`);
  }

  progress(shopId: string): Locator {
    return this.root.getByTestId(`shop-progress-${shopId}`);
  }

  lag(shopId: string): Locator {
    return this.root.getByTestId(`shop-lag-${shopId}`);
  }

  /** The badge carries the engine's state in `data-state`, whatever the language. */
  async waitForState(shopId: string, state: ShopState, timeoutMs = 30_000): Promise<void> {
    await this.root.locator(`[data-testid="shop-state-${shopId}"][data-state="${state}"]`).waitFor({ timeout: timeoutMs });
  }

  async fillShopForm(values: ShopFormValues): Promise<void> {
    await this.form.getByTestId('shop-form-channel').selectOption(values.channel);
    await this.form.getByTestId('shop-form-id').fill(values.id);
    await this.form.getByTestId('shop-form-name').fill(values.name);
    if (values.backfillDays !== undefined) await this.form.getByTestId('shop-form-backfill-days').fill(String(values.backfillDays));
    await this.fillCredentials(this.form, values);
    if (values.platformShopId !== undefined) await this.form.getByTestId('shop-form-platform-shop-id').fill(values.platformShopId);
  }

  async fillCredentials(dialog: Locator, values: CredentialValues): Promise<void> {
    await dialog.getByTestId('shop-form-app-key').fill(values.appKey);
    await dialog.getByTestId('shop-form-app-secret').fill(values.appSecret);
    if (values.accessToken !== undefined) await dialog.getByTestId('shop-form-access-token').fill(values.accessToken);
  }

  /** Clicks "测试连接" in a dialog and waits for its verdict; returns the result box. */
  async testConnection(dialog: Locator, button = 'shop-form-test'): Promise<Locator> {
    const result = dialog.getByTestId('shop-test-result');
    await dialog.getByTestId(button).click();
    await result.waitFor();
    await waitForText(result, /\S/);
    return result;
  }

  async testResultOk(dialog: Locator): Promise<boolean> {
    return (await dialog.getByTestId('shop-test-result').getAttribute('data-ok')) === 'true';
  }

  async save(dialog: Locator): Promise<void> {
    await dialog.getByTestId('shop-form-save').click();
    await dialog.waitFor({ state: 'detached' });
  }

  async openHistory(shopId: string): Promise<void> {
    await this.root.getByTestId(`shop-history-${shopId}`).click();
    await this.runsPanel.waitFor();
  }

  token(shopId: string): Locator {
    return this.root.getByTestId(`shop-token-${shopId}`);
  }

  /** In the credentials dialog: creates the one-time authorise link and returns its address. */
  async authoriseLink(dialog: Locator): Promise<string> {
    await dialog.getByTestId('shop-authorise-start').click();
    const link = dialog.getByTestId('shop-authorise-link');
    await link.waitFor();
    return (await link.getAttribute('href')) ?? '';
  }

  /** Pastes what the platform redirected to and exchanges it for tokens. */
  async pasteAuthorisation(dialog: Locator, redirected: string): Promise<void> {
    await dialog.getByTestId('shop-authorise-code').fill(redirected);
    await dialog.getByTestId('shop-authorise-exchange').click();
    await dialog.getByTestId('shop-authorise-code').waitFor({ state: 'detached' });
  }

  acknowledgeUnknown(): Locator {
    return this.unknownStatuses.getByTestId('unknown-status-ack');
  }

  async openCredentials(shopId: string): Promise<void> {
    await this.root.getByTestId(`shop-credentials-${shopId}`).click();
    await this.credentialsForm.waitFor();
  }

  // --- field mapping editor (MappingEditor.tsx) ---

  get mappingEditor(): Locator {
    return this.page.getByTestId('mapping-editor');
  }

  /** Selects the shop (its history) and opens its field-mapping editor; waits for the first preview. */
  async openMapping(shopId: string): Promise<Locator> {
    await this.openHistory(shopId);
    await this.root.getByTestId(`shop-mapping-${shopId}`).click();
    await this.mappingEditor.getByTestId('mapping-sample').waitFor();
    await this.mappingEditor.locator('[data-testid="mapping-preview"][data-busy="false"]').waitFor();
    return this.mappingEditor;
  }

  mappingSelect(field: string): Locator {
    return this.mappingEditor.getByTestId(`mapping-field-${field.replace('.', '-')}`);
  }

  /** Picks a source for a unified field and waits for the engine's preview of that choice. */
  async chooseMappingSource(field: string, source: string): Promise<void> {
    await this.mappingSelect(field).selectOption(source);
    await this.mappingEditor.locator('[data-testid="mapping-preview"][data-busy="false"]').waitFor();
  }

  async previewPlatformSkus(): Promise<string[]> {
    return (await this.mappingEditor.getByTestId('mapping-preview-platform-sku').allTextContents()).map((s) => s.trim());
  }

  async previewStandardSkus(): Promise<string[]> {
    return (await this.mappingEditor.getByTestId('mapping-preview-standard-sku').allTextContents()).map((s) => s.trim());
  }

  /** Keys highlighted in the sample payload (the sources in use). */
  async highlightedSampleKeys(): Promise<string[]> {
    return this.mappingEditor.locator('[data-testid="mapping-sample"] [data-highlight]').evaluateAll((els) => els.map((e) => e.getAttribute('data-highlight') ?? ''));
  }

  async saveMapping(): Promise<void> {
    await this.mappingEditor.getByTestId('mapping-save').click();
    await this.mappingEditor.getByTestId('mapping-notice').waitFor();
  }

  async closeMapping(): Promise<void> {
    await this.mappingEditor.getByTestId('mapping-cancel').click();
    await this.mappingEditor.waitFor({ state: 'detached' });
  }
}
