/**
 * Logistics SLA rules and exception tickets (issue 4): the rule set (defaults and per carrier /
 * warehouse / channel overrides, business calendar), every rule hit with why it fired, and the
 * exception tickets the after-sales group works through.
 */
import type { TrackingState } from './logistics.js';

/** firstScan: shipped, no first carrier scan in time. stall: no new carrier event in time while moving. */
export const SLA_RULES = ['firstScan', 'stall'] as const;
export type SlaRuleId = (typeof SLA_RULES)[number];

export interface SlaRuleParams {
  enabled: boolean;
  thresholdMinutes: number;
  /** Count only business hours of the calendar (nights, weekends, holidays do not run the clock). */
  businessHoursOnly: boolean;
}

/**
 * An override applies to parcels matching every dimension it names (a missing dimension matches any);
 * when several match, the more specific (more dimensions named) is applied over the less specific,
 * and among equally specific ones the later in the list wins.
 */
export interface SlaOverride {
  id: string;
  rule: SlaRuleId;
  carrier?: string | null;
  warehouse?: string | null;
  channel?: string | null;
  enabled?: boolean;
  thresholdMinutes?: number;
  businessHoursOnly?: boolean;
  note?: string;
}

export interface BusinessCalendar {
  /** 'HH:MM' local time of the working day. */
  start: string;
  end: string;
  /** Working weekdays, ISO numbering (1 = Monday … 7 = Sunday). */
  weekdays: number[];
  /** 'YYYY-MM-DD' local dates that are not working days (法定节假日). */
  holidays: string[];
  /** 'YYYY-MM-DD' local dates that are working days although their weekday is not (调休上班). */
  extraWorkdays: string[];
  /** Minutes east of UTC; Asia/Shanghai = 480. */
  utcOffsetMinutes: number;
}

export const TICKET_TYPES = ['stalled', 'no_first_scan', 'lost', 'damaged', 'refused', 'delivery_failed', 'address', 'other'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_GROUPS = ['after_sales', 'customer_service', 'warehouse', 'supervisor'] as const;
export type TicketGroup = (typeof TICKET_GROUPS)[number];

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_carrier', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Allowed status changes; a resolved ticket may be reopened (back to in progress). */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in_progress', 'waiting_carrier', 'resolved'],
  in_progress: ['waiting_carrier', 'resolved', 'open'],
  waiting_carrier: ['in_progress', 'resolved'],
  resolved: ['in_progress'],
};

export interface SiteMessageSettings {
  /** Send the customer a site message through the merchant's own app / mini-program backend. */
  enabled: boolean;
  /** The merchant backend's HTTPS endpoint (README "Site messages to the merchant's app"). */
  url: string | null;
}

export interface SlaSettings {
  rules: Record<SlaRuleId, SlaRuleParams>;
  overrides: SlaOverride[];
  calendar: BusinessCalendar;
  /** The stall rule never fires for parcels in these states (default: delivered, returned). */
  stallIgnoredStates: TrackingState[];
  /** Parcels whose clock started longer ago than this are left to their tickets (keeps evaluation cheap). */
  lookbackDays: number;
  /** The warehouse lead's WeCom robot (a notify target id); empty = in-app inbox only. */
  warehouseRobotTarget: string;
  /** The group stalled-parcel tickets are opened for. */
  stallTicketGroup: TicketGroup;
  /** SLA timer of a new ticket, per type (minutes until due). */
  ticketDueMinutes: Record<TicketType, number>;
  siteMessages: SiteMessageSettings;
}

export interface SlaSettingsView extends SlaSettings {
  /** Whether the site-message signing secret is stored (never its value). */
  siteMessageSecretConfigured: boolean;
  updatedAt: number | null;
}

export type SlaSettingsInput = Partial<Omit<SlaSettings, 'rules' | 'siteMessages' | 'calendar' | 'ticketDueMinutes'>> & {
  rules?: Partial<Record<SlaRuleId, Partial<SlaRuleParams>>>;
  calendar?: Partial<BusinessCalendar>;
  ticketDueMinutes?: Partial<Record<TicketType, number>>;
  siteMessages?: Partial<SiteMessageSettings>;
  /** Write-only: the HMAC secret that signs site messages; blank keeps the stored one. */
  siteMessageSecret?: string;
};

/** What a notification or message a hit caused looks like from the hit list. */
export interface SlaHitAction {
  kind: 'inbox' | 'robot' | 'sms' | 'site-message' | 'ticket';
  id: number | null;
  /** Target, masked phone, role, ticket number… */
  detail: string;
  /** Held until (customer quiet hours). */
  notBefore: number | null;
  /** Why nothing was sent (no usable mobile, site messages off), in the engine's words. */
  skipped: string | null;
  /** The same reason as a code the console translates; 'refused' = the outbox refused the address. */
  skippedCode?: 'no-mobile' | 'site-messages-off' | 'ticket-open' | 'refused';
}

export interface SlaHitInfo {
  id: number;
  rule: SlaRuleId;
  parcelId: number;
  carrier: string;
  waybillNo: string;
  orders: Array<{ orderId: number; platformOrderId: string }>;
  /** The clock's start: `shipped_at` for firstScan, the last carrier event (or shipped_at) for stall. */
  anchorField: 'shipped_at' | 'last_event_at';
  anchorAt: number;
  thresholdMinutes: number;
  businessHoursOnly: boolean;
  /** Which override shaped the rule (null: the defaults). */
  overrideId: string | null;
  deadlineAt: number;
  firedAt: number;
  /** The parcel's state when the rule fired. */
  state: TrackingState;
  /** One sentence in zh-CN, as written to the order timeline. */
  reason: string;
  actions: SlaHitAction[];
  /** Set when the episode ended (a new carrier event, a first scan, the parcel delivered). */
  clearedAt: number | null;
  clearedBy: string | null;
  ticketId: number | null;
}

export interface SlaHitQuery {
  rule?: SlaRuleId;
  /** true: only episodes still running (the red flags); false: only ended ones. */
  open?: boolean;
  parcelIds?: number[];
  orderId?: number;
  limit?: number;
  /** Keyset paging: hits with id below this. */
  beforeId?: number;
}

export interface SlaDeadline {
  rule: SlaRuleId;
  enabled: boolean;
  anchorField: 'shipped_at' | 'last_event_at';
  anchorAt: number;
  deadlineAt: number;
  thresholdMinutes: number;
  businessHoursOnly: boolean;
  overrideId: string | null;
  /** met: the awaited event came in time; missed: fired; pending: the clock is running; off: not applicable. */
  status: 'met' | 'missed' | 'pending' | 'off';
}

export interface ParcelDeadlines {
  parcelId: number;
  deadlines: SlaDeadline[];
  hits: SlaHitInfo[];
}

export interface SlaRunSummary {
  at: number;
  examined: number;
  fired: { firstScan: number; stall: number };
  cleared: number;
  /** Tickets opened (a stall on a parcel whose ticket is still open comments on it instead). */
  tickets: number;
  notifications: number;
  durationMs: number;
}

export interface TicketComment {
  id: number;
  at: number;
  author: { type: string; id: string; name: string };
  body: string;
}

export interface TicketInfo {
  id: number;
  /** Display number, e.g. 'LX-000123'. */
  number: string;
  type: TicketType;
  ownerGroup: TicketGroup;
  status: TicketStatus;
  title: string;
  origin: 'rule' | 'manual';
  hitId: number | null;
  order: { orderId: number; platformOrderId: string; channel: string } | null;
  parcel: { parcelId: number; carrier: string; waybillNo: string; state: TrackingState } | null;
  createdAt: number;
  updatedAt: number;
  dueAt: number;
  overdue: boolean;
  resolvedAt: number | null;
  resolution: string | null;
  commentCount: number;
  createdBy: string;
}

export interface TicketHistoryEntry {
  at: number;
  actor: { type: string; id: string; name: string };
  action: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  reason: string | null;
}

export interface TicketDetail extends TicketInfo {
  comments: TicketComment[];
  history: TicketHistoryEntry[];
  allowedStatuses: TicketStatus[];
}

export interface TicketQuery {
  status?: TicketStatus[];
  ownerGroup?: TicketGroup;
  type?: TicketType;
  overdue?: boolean;
  orderId?: number;
  parcelId?: number;
  limit?: number;
  offset?: number;
}

export interface TicketListResult {
  rows: TicketInfo[];
  total: number;
  /** Tickets per status (the status filter itself not applied) and overdue among unresolved. */
  counts: Record<TicketStatus, number> & { overdue: number };
}

export interface LogisticsExceptionHandlers {
  'sla/settings': { args: Record<string, never>; result: SlaSettingsView };
  /** `expectedUpdatedAt`: the version the editor loaded; a save over a newer one is refused (Conflict). */
  'sla/setSettings': { args: SlaSettingsInput & { reason?: string; expectedUpdatedAt?: number | null }; result: SlaSettingsView };
  'sla/hits': { args: SlaHitQuery; result: { rows: SlaHitInfo[]; open: Record<SlaRuleId, number> } };
  /** The rule deadlines of an order's parcels (or one parcel), for the logistics trail. */
  'sla/deadlines': { args: { orderId?: number; parcelId?: number }; result: ParcelDeadlines[] };
  /** Run the evaluation now (the scheduler runs it every minute). */
  'sla/evaluate': { args: Record<string, never>; result: SlaRunSummary };
  'tickets/list': { args: TicketQuery; result: TicketListResult };
  'tickets/detail': { args: { id: number }; result: TicketDetail };
  'tickets/create': {
    args: { type: TicketType; ownerGroup: TicketGroup; title: string; orderId?: number; parcelId?: number; comment?: string; dueMinutes?: number };
    result: TicketDetail;
  };
  'tickets/setStatus': { args: { id: number; status: TicketStatus; note?: string }; result: TicketDetail };
  'tickets/setGroup': { args: { id: number; ownerGroup: TicketGroup; note?: string }; result: TicketDetail };
  'tickets/comment': { args: { id: number; body: string }; result: TicketDetail };
}

export interface LogisticsExceptionEvents {
  /** Rule hits fired or cleared, tickets opened or changed, in one committed write. */
  'exceptions/changed': { ticketIds: number[]; hitIds: number[] };
}
