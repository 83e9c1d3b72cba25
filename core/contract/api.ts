/**
 * The one contract: every handler the engine offers, by name. Both transports (Electron IPC and the
 * browser console's POST /api/invoke) carry exactly these; the renderer's `send()` is typed by it.
 */
import type { AuditEvent, AuditVerifyReport } from './audit.js';
import type {
  Channel,
  ImportPreview,
  ImportResult,
  OrderDetail,
  OrderEditArgs,
  OrderListArgs,
  OrderListResult,
  OrderQuery,
  Receiver,
  SavedView,
  SkuMapping,
} from './orders.js';
import type { Permission, Role } from './roles.js';
import type { AuthoriseInfo, PlatformFailureInfo, ShopCredentialsInput, ShopHealth, ShopSettingsInput, SyncRunInfo, SyncStartResult, UnknownStatusInfo } from './channels.js';
import type { NotifyEvents, NotifyHandlers } from './notify.js';
import type { LogisticsEvents, LogisticsHandlers } from './logistics.js';
import type { LogisticsPartnerHandlers } from './logistics-partners.js';
import type { LogisticsExceptionEvents, LogisticsExceptionHandlers } from './logistics-exceptions.js';
import type { ChannelMappingHandlers } from './mapping.js';
import type { WaybillHandlers } from './waybill.js';

export interface OperatorInfo {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  disabled: boolean;
  permissions: Permission[];
  createdAt: number;
}

export interface EngineHealth {
  ok: boolean;
  startedAt: number;
  now: number;
  orders: number;
  auditEvents: number;
  dbBytes: number;
  schemaVersion: number;
  demo: boolean;
}

export interface AuthHandlers {
  'auth/me': { args: Record<string, never>; result: OperatorInfo };
  'auth/changePassword': { args: { oldPassword: string; newPassword: string }; result: { ok: true } };
  'auth/logout': { args: Record<string, never>; result: { ok: true } };
  'users/list': { args: Record<string, never>; result: OperatorInfo[] };
  'users/add': {
    args: { username: string; displayName?: string; role: Role; password?: string };
    result: { operator: OperatorInfo; oneTimePassword: string | null };
  };
  'users/setPassword': { args: { username: string; password?: string }; result: { oneTimePassword: string | null } };
  'users/setDisabled': { args: { username: string; disabled: boolean }; result: OperatorInfo };
}

export interface OrdersHandlers {
  'orders/list': { args: OrderListArgs; result: OrderListResult };
  'orders/count': { args: OrderQuery; result: { total: number } };
  'orders/detail': { args: { id: number }; result: OrderDetail };
  'orders/reveal': { args: { id: number; reason?: string }; result: Receiver };
  'orders/edit': { args: OrderEditArgs; result: OrderDetail };
  'orders/export': {
    args: OrderQuery & { format: 'csv' | 'xlsx'; columns?: string[] };
    /** base64 of the file, its name and row count. */
    result: { fileName: string; mimeType: string; base64: string; rows: number };
  };
  'orders/importPreview': { args: { fileName: string; base64: string; channel?: Channel; shopId?: string }; result: ImportPreview };
  'orders/import': { args: { fileName: string; base64: string; channel?: Channel; shopId?: string }; result: ImportResult };
  'views/list': { args: { grid: string }; result: SavedView[] };
  'views/save': { args: { grid: string; name: string; state: unknown }; result: SavedView };
  'views/delete': { args: { id: number }; result: { ok: true } };
}

export interface SkuHandlers {
  'sku/list': { args: { channel?: Channel; search?: string; limit?: number; offset?: number }; result: { rows: SkuMapping[]; total: number } };
  'sku/upsert': { args: { channel: Channel; platformSku: string; standardSku: string; note?: string }; result: SkuMapping };
  'sku/delete': { args: { channel: Channel; platformSku: string }; result: { ok: true } };
  'sku/importCsv': { args: { text: string; dryRun?: boolean }; result: { upserted: number; unchanged: number; errors: Array<{ row: number; message: string }> } };
  'sku/exportCsv': { args: { channel?: Channel }; result: { fileName: string; text: string } };
}

export interface AuditHandlers {
  'audit/orderTimeline': { args: { orderId: number; field?: string; limit?: number }; result: AuditEvent[] };
  'audit/rawPayload': { args: { id: number }; result: { id: number; source: string; contentType: string; receivedAt: number; body: string } };
  'audit/verify': { args: Record<string, never>; result: AuditVerifyReport };
}

export interface ChannelsHandlers {
  'channels/shops': { args: Record<string, never>; result: ShopHealth[] };
  'channels/addShop': {
    args: { id: string; channel: Channel; name: string; credentials: ShopCredentialsInput; settings?: ShopSettingsInput };
    result: ShopHealth;
  };
  'channels/updateShop': { args: { shopId: string; name?: string; enabled?: boolean; credentials?: ShopCredentialsInput; settings?: ShopSettingsInput }; result: ShopHealth };
  'channels/testConnection': {
    args: { shopId?: string; channel?: Channel; credentials?: ShopCredentialsInput };
    result: { ok: boolean; detail: string; error: PlatformFailureInfo | null };
  };
  /** Answers at once with the started run's id; `channels/syncFinished` announces its end. */
  'channels/syncNow': { args: { shopId: string; kind?: 'modified' | 'rescan' }; result: SyncStartResult };
  'channels/authorise': { args: { shopId: string; redirectUri?: string }; result: AuthoriseInfo };
  'channels/exchangeCode': { args: { shopId?: string; state: string; code: string }; result: ShopHealth };
  'channels/refreshToken': { args: { shopId: string }; result: ShopHealth };
  'channels/acknowledgeUnknownStatus': { args: { channel: Channel; status: string }; result: UnknownStatusInfo };
  'channels/runs': { args: { shopId: string; limit?: number }; result: SyncRunInfo[] };
  /** Acknowledged statuses are left out unless asked for, until they are seen again. */
  'channels/unknownStatuses': { args: { includeAcknowledged?: boolean }; result: UnknownStatusInfo[] };
}

export interface SystemHandlers {
  'system/health': { args: Record<string, never>; result: EngineHealth };
}

export type CoreApi = AuthHandlers & OrdersHandlers & SkuHandlers & AuditHandlers & ChannelsHandlers & ChannelMappingHandlers & SystemHandlers & NotifyHandlers & LogisticsHandlers & LogisticsPartnerHandlers & LogisticsExceptionHandlers & WaybillHandlers;
export type HandlerName = keyof CoreApi;
export type HandlerArgs<K extends HandlerName> = CoreApi[K]['args'];
export type HandlerResult<K extends HandlerName> = CoreApi[K]['result'];

/** Events pushed to every connected window (IPC in Electron, Server-Sent Events in the browser). */
export interface CoreEvents extends NotifyEvents, LogisticsEvents, LogisticsExceptionEvents {
  'orders/changed': { ids: number[]; source: string };
  'engine/health': EngineHealth;
  'channels/progress': { shopId: string; kind: string; windowsDone: number; windowsTotal: number; pulled: number };
  /** A sync run ended (its figures committed). */
  'channels/syncFinished': SyncRunInfo;
}
export type CoreEventName = keyof CoreEvents;
export interface CoreEventMessage<K extends CoreEventName = CoreEventName> {
  name: K;
  payload: CoreEvents[K];
}
