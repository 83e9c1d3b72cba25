import type { Locator, Page } from 'playwright-core';
import { waitForText } from '../support/waits.js';

/** The few browser globals the in-page helpers use (this project type-checks tests without the DOM lib). */
interface InPage {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (type: 'paste', init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  DragEvent: new (type: 'dragover' | 'drop', init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  document: { dispatchEvent(event: unknown): boolean };
}

/** OCR runs on the console host (tesseract workers, first use loads the language data): be patient. */
export const OCR_TIMEOUT_MS = 90_000;

/**
 * The re-push panel (issue 5): in the order drawer's dialog, or inside "find order by photo" once an
 * order is chosen. `root` is the dialog it lives in.
 */
export class WaybillRepushPanel {
  readonly photoInput: Locator;
  readonly busy: Locator;
  readonly readError: Locator;
  readonly photo: Locator;
  readonly regions: Locator;
  readonly chosenRegions: Locator;
  readonly candidates: Locator;
  readonly number: Locator;
  readonly carrier: Locator;
  readonly check: Locator;
  readonly checkResult: Locator;
  readonly needs: Locator;
  readonly blocked: Locator;
  readonly error: Locator;
  readonly confirmButton: Locator;
  readonly result: Locator;
  readonly steps: Locator;
  readonly retry: Locator;
  readonly receiver: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {
    this.photoInput = root.getByTestId('waybill-photo-input');
    this.busy = root.getByTestId('waybill-busy');
    this.readError = root.getByTestId('waybill-read-error');
    this.photo = root.getByTestId('waybill-photo');
    this.regions = root.getByTestId('waybill-region');
    this.chosenRegions = root.locator('[data-testid="waybill-region"][data-chosen="true"]');
    this.candidates = root.getByTestId('waybill-candidate');
    this.number = root.getByTestId('waybill-number');
    this.carrier = root.getByTestId('waybill-carrier');
    this.check = root.getByTestId('waybill-check');
    this.checkResult = root.getByTestId('waybill-check-result');
    this.needs = root.getByTestId('waybill-need');
    this.blocked = root.getByTestId('waybill-blocked');
    this.error = root.getByTestId('waybill-error');
    this.confirmButton = root.getByTestId('waybill-confirm-button');
    this.result = root.getByTestId('waybill-result');
    this.steps = root.getByTestId('waybill-step');
    this.retry = root.getByTestId('waybill-retry');
    this.receiver = root.getByTestId('waybill-receiver');
  }

  /** Uploads a file and waits until the engine has answered (a reading or an error). */
  async upload(path: string): Promise<void> {
    await this.photoInput.setInputFiles(path);
    await this.untilRead();
  }

  /**
   * Pastes an image as the clipboard would (a screenshot tool or "copy image" in a chat app): a real
   * `paste` event carrying the file, dispatched on the page while the panel is open.
   */
  async paste(bytes: Buffer, type = 'image/jpeg'): Promise<void> {
    await this.page.evaluate(
      ({ base64, type }) => {
        const dom = globalThis as unknown as InPage;
        const clipboardData = new dom.DataTransfer();
        clipboardData.items.add(new dom.File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'image.jpg', { type }));
        dom.document.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
      },
      { base64: bytes.toString('base64'), type },
    );
    await this.untilRead();
  }

  /** Drops a photo file on the drop zone: dragover, then drop with the file in its DataTransfer. */
  async drop(bytes: Buffer, name: string, type = 'image/jpeg'): Promise<void> {
    await this.root.getByTestId('waybill-drop').evaluate(
      (zone, { base64, name, type }) => {
        const dom = globalThis as unknown as InPage;
        const dataTransfer = new dom.DataTransfer();
        dataTransfer.items.add(new dom.File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
        const target = zone as unknown as { dispatchEvent(event: unknown): boolean };
        target.dispatchEvent(new dom.DragEvent('dragover', { dataTransfer, bubbles: true, cancelable: true }));
        target.dispatchEvent(new dom.DragEvent('drop', { dataTransfer, bubbles: true, cancelable: true }));
      },
      { base64: bytes.toString('base64'), name, type },
    );
    await this.untilRead();
  }

  private async untilRead(): Promise<void> {
    await this.busy.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    await this.busy.waitFor({ state: 'detached', timeout: OCR_TIMEOUT_MS });
  }

  async waitForNumber(expected: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await this.number.inputValue();
      if (value === expected) return;
      if (Date.now() > deadline) throw new Error(`Waybill number field shows "${value}", expected "${expected}"`);
      await this.page.waitForTimeout(100);
    }
  }

  async waitForCheck(): Promise<void> {
    await this.checkResult.waitFor({ timeout: 15_000 });
  }

  /** The confirmations the engine's check asks for. */
  async neededConfirmations(): Promise<string[]> {
    return (await this.needs.evaluateAll((els) => els.map((el) => el.getAttribute('data-need') ?? ''))).filter(Boolean);
  }

  async tickAllNeeded(): Promise<string[]> {
    const needs = await this.neededConfirmations();
    for (const need of needs) await this.root.locator(`[data-testid="waybill-need"][data-need="${need}"]`).check();
    return needs;
  }

  async confirm(): Promise<void> {
    await this.confirmButton.click();
    await this.result.waitFor({ timeout: 60_000 });
  }

  step(name: 'attach' | 'track' | 'write-back'): Locator {
    return this.root.locator(`[data-testid="waybill-step"][data-step="${name}"]`);
  }

  async stepStatuses(): Promise<Array<[string, string]>> {
    return this.steps.evaluateAll((els) => els.map((el) => [el.getAttribute('data-step') ?? '', el.getAttribute('data-status') ?? ''] as [string, string]));
  }

  async waitForReadError(expected: string | RegExp): Promise<string> {
    return waitForText(this.readError, expected, OCR_TIMEOUT_MS);
  }
}

/** The order drawer's re-push action and the detach action on its parcels. */
export class DrawerRepush {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly panel: WaybillRepushPanel;
  readonly parcels: Locator;

  constructor(readonly page: Page) {
    const drawer = page.getByTestId('order-drawer');
    this.openButton = drawer.getByTestId('waybill-repush-open');
    this.dialog = page.getByTestId('waybill-repush-dialog');
    this.panel = new WaybillRepushPanel(page, this.dialog);
    this.parcels = drawer.getByTestId('drawer-parcel');
  }

  async open(): Promise<WaybillRepushPanel> {
    await this.openButton.click();
    await this.dialog.waitFor();
    return this.panel;
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'detached' });
  }

  parcel(waybillNo: string): Locator {
    return this.page.getByTestId('order-drawer').locator(`[data-testid="drawer-parcel"][data-waybill="${waybillNo}"]`);
  }

  async detach(waybillNo: string, reason: string): Promise<void> {
    const row = this.parcel(waybillNo);
    if ((await row.getByTestId('waybill-detach-form').count()) === 0) await row.getByTestId('waybill-detach-open').click();
    await row.getByTestId('waybill-detach-reason').fill(reason);
    await row.getByTestId('waybill-detach-confirm').click();
  }
}

/** The Logistics workspace's "find order by photo". */
export class FindOrderByPhotoPanel {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly surname: Locator;
  readonly phoneTail: Locator;
  readonly search: Locator;
  readonly matches: Locator;
  readonly none: Locator;
  readonly panel: WaybillRepushPanel;

  constructor(readonly page: Page) {
    this.openButton = page.getByTestId('find-order-by-photo');
    this.dialog = page.getByTestId('find-order-dialog');
    this.surname = this.dialog.getByTestId('find-order-surname');
    this.phoneTail = this.dialog.getByTestId('find-order-phone');
    this.search = this.dialog.getByTestId('find-order-search');
    this.matches = this.dialog.getByTestId('find-order-match');
    this.none = this.dialog.getByTestId('find-order-none');
    this.panel = new WaybillRepushPanel(page, this.dialog);
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await this.dialog.waitFor();
  }

  match(platformOrderId: string): Locator {
    return this.dialog.locator(`[data-testid="find-order-match"][data-order="${platformOrderId}"]`);
  }

  async searchFor(surname: string, phoneTail: string): Promise<void> {
    await this.surname.fill(surname);
    await this.phoneTail.fill(phoneTail);
    await this.search.click();
  }

  async choose(platformOrderId: string): Promise<void> {
    await this.match(platformOrderId).getByTestId('find-order-choose').click();
    await this.dialog.getByTestId('waybill-repush').waitFor();
  }
}
