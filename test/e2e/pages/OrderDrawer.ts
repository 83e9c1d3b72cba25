import type { Locator, Page } from 'playwright-core';
import { waitForText } from '../support/waits.js';

export class OrderDrawer {
  readonly root: Locator;
  readonly orderId: Locator;
  readonly status: Locator;
  readonly remark: Locator;
  readonly remarkSave: Locator;
  readonly remarkSaved: Locator;
  readonly timeline: Locator;
  readonly timelineField: Locator;
  readonly timelineEvents: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('order-drawer');
    this.orderId = this.root.getByTestId('drawer-order-id');
    this.status = this.root.getByTestId('drawer-status');
    this.remark = this.root.getByTestId('remark-input');
    this.remarkSave = this.root.getByTestId('remark-save');
    this.remarkSaved = this.root.getByTestId('remark-saved');
    this.timeline = this.root.getByTestId('timeline');
    this.timelineField = this.root.getByTestId('timeline-field');
    this.timelineEvents = this.root.getByTestId('timeline-event');
  }

  async waitForOrder(platformOrderId: string): Promise<void> {
    await this.root.waitFor();
    await waitForText(this.orderId, new RegExp(`^${platformOrderId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await this.timeline.waitFor();
  }

  async editSellerRemark(text: string): Promise<void> {
    await this.remark.fill(text);
    await this.remarkSave.click();
    await this.remarkSaved.waitFor();
  }

  async filterTimeline(option: string): Promise<void> {
    await this.timelineField.selectOption(option);
  }

  /** The newest timeline event (the engine returns newest first). */
  latestEvent(): Locator {
    return this.timelineEvents.first();
  }

  amount(field: string): Locator {
    return this.root.getByTestId(`amount-${field}`);
  }

  async editAmount(field: string, yuan: string, reason: string): Promise<void> {
    await this.root.getByTestId('amounts-edit').click();
    await this.root.getByTestId(`amount-input-${field}`).fill(yuan);
    await this.root.getByTestId('amounts-reason').fill(reason);
    await this.root.getByTestId('amounts-save').click();
    await this.root.getByTestId('amounts-saved').waitFor();
  }

  async closeWithEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.root.waitFor({ state: 'detached' });
  }
}
