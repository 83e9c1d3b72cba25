import type { Locator, Page } from 'playwright-core';

export type WorkspaceId = 'orders' | 'logistics' | 'interception' | 'reconciliation' | 'health' | 'channels' | 'sku' | 'users';

export class ShellPage {
  readonly root: Locator;
  readonly productName: Locator;
  readonly operatorName: Locator;
  readonly operatorRole: Locator;
  readonly languageSwitch: Locator;
  readonly logoutButton: Locator;
  readonly statusBar: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('shell');
    this.productName = page.getByTestId('product-name');
    this.operatorName = page.getByTestId('operator-name');
    this.operatorRole = page.getByTestId('operator-role');
    this.languageSwitch = page.getByTestId('language-switch');
    this.logoutButton = page.getByTestId('logout');
    this.statusBar = page.getByTestId('status-bar');
  }

  async waitUntilReady(): Promise<void> {
    await this.root.waitFor();
  }

  navItem(id: WorkspaceId): Locator {
    return this.page.getByTestId(`nav-${id}`);
  }

  workspace(id: WorkspaceId): Locator {
    return this.page.getByTestId(`workspace-${id}`);
  }

  async switchLanguage(locale: 'zh-CN' | 'en'): Promise<void> {
    await this.languageSwitch.selectOption(locale);
  }

  statusItem(name: 'health' | 'orders' | 'audit' | 'schema'): Locator {
    return this.page.getByTestId(`status-${name}`);
  }
}
