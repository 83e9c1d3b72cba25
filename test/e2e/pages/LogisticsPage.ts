import type { Locator, Page } from 'playwright-core';

/** The Logistics workspace (parcels by state, rule hits, tickets, SLA rules) and the drawer's trail. */
export class LogisticsPage {
  readonly root: Locator;
  readonly stateChips: Locator;
  readonly parcelsGrid: Locator;
  readonly evaluate: Locator;
  readonly notice: Locator;
  readonly hits: Locator;
  readonly ticketRows: Locator;
  readonly ticketDetail: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('logistics');
    this.stateChips = this.root.getByTestId('state-chip');
    this.parcelsGrid = this.root.getByTestId('parcels-grid');
    this.evaluate = this.root.getByTestId('sla-evaluate');
    this.notice = this.root.getByTestId('logistics-notice');
    this.hits = this.root.getByTestId('hit');
    this.ticketRows = this.root.getByTestId('ticket-row');
    this.ticketDetail = this.root.getByTestId('ticket-detail');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-logistics').click();
    await this.root.waitFor();
  }

  tab(id: 'parcels' | 'hits' | 'tickets' | 'rules'): Locator {
    return this.root.getByTestId(`logistics-tab-${id}`);
  }

  stateChip(state: string): Locator {
    return this.root.locator(`[data-testid="state-chip"][data-state="${state}"]`);
  }

  hitFor(parcelId: number, rule: 'firstScan' | 'stall'): Locator {
    return this.root.locator(`[data-testid="hit"][data-parcel="${parcelId}"][data-rule="${rule}"]`);
  }

  ticket(ticketId: number): Locator {
    return this.root.locator(`[data-testid="ticket-row"][data-ticket="${ticketId}"]`);
  }

  async commentOnTicket(text: string): Promise<void> {
    await this.ticketDetail.getByTestId('ticket-comment-input').fill(text);
    await this.ticketDetail.getByTestId('ticket-comment-add').click();
  }

  async moveTicket(status: string, note = ''): Promise<void> {
    if (note) await this.ticketDetail.getByTestId('ticket-note').fill(note);
    await this.ticketDetail.locator(`[data-testid="ticket-move"][data-status="${status}"]`).click();
  }
}

/** The order drawer's logistics trail. */
export class LogisticsTrailPanel {
  readonly root: Locator;
  readonly events: Locator;
  readonly deadlines: Locator;
  readonly rawPayload: Locator;
  readonly detail: Locator;
  readonly flags: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('order-drawer').getByTestId('logistics-trail');
    this.events = this.root.getByTestId('trail-event');
    this.deadlines = this.root.getByTestId('trail-deadline');
    this.rawPayload = this.root.getByTestId('trail-raw-payload');
    this.detail = this.root.getByTestId('trail-event-detail');
    this.flags = this.root.getByTestId('trail-flag');
  }

  deadline(rule: 'firstScan' | 'stall'): Locator {
    return this.root.locator(`[data-testid="trail-deadline"][data-rule="${rule}"]`);
  }

  async clickEvent(index: number): Promise<void> {
    await this.events.nth(index).getByTestId('trail-event-button').click();
  }
}
