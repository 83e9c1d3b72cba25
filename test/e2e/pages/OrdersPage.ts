import type { Locator, Page } from 'playwright-core';
import { waitForText } from '../support/waits.js';

/**
 * The orders workspace. Grid cells are found through ag-grid's own stable attributes
 * (`row-index`, `col-id`); everything else through data-testid.
 */
export class OrdersPage {
  readonly grid: Locator;
  readonly search: Locator;
  readonly channel: Locator;
  readonly total: Locator;
  readonly clearFilters: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('orders-grid');
    this.search = page.getByTestId('orders-search');
    this.channel = page.getByTestId('orders-channel');
    this.total = page.getByTestId('orders-total');
    this.clearFilters = page.getByTestId('orders-clear-filters');
    this.error = page.getByTestId('orders-error');
  }

  cell(rowIndex: number, colId: string): Locator {
    return this.grid.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`);
  }

  /** Cells of one column in the rows currently rendered (center or pinned container). */
  columnCells(colId: string): Locator {
    return this.grid.locator(`.ag-row .ag-cell[col-id="${colId}"]`);
  }

  async waitForRows(): Promise<void> {
    await waitForText(this.cell(0, 'platformOrderId'), /\S/);
  }

  async orderIdAt(rowIndex: number): Promise<string> {
    await this.waitForRows();
    return ((await this.cell(rowIndex, 'platformOrderId').textContent()) ?? '').trim();
  }

  /** The number in "共 N 单" / "N orders". */
  async totalCount(): Promise<number> {
    const text = (await this.total.textContent()) ?? '';
    const digits = text.replace(/[^\d]/g, '');
    return digits ? Number(digits) : Number.NaN;
  }

  async waitForTotal(predicate: (n: number) => boolean): Promise<number> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const n = await this.totalCount();
      if (predicate(n)) return n;
      if (Date.now() > deadline) throw new Error(`orders total never matched; last was ${n}`);
      await this.page.waitForTimeout(100);
    }
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  async filterChannel(channel: string): Promise<void> {
    await this.channel.selectOption(channel);
  }

  async openRow(rowIndex: number): Promise<void> {
    await this.cell(rowIndex, 'platformOrderId').click();
  }
}
