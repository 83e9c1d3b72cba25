import { adminEn } from './en/admin.js';
import { channelsEn } from './en/channels.js';
import { drawerEn } from './en/drawer.js';
import { ordersEn } from './en/orders.js';
import { shellEn } from './en/shell.js';
import { notifyEn } from './en/notify.js';
import { mappingEn } from './en/mapping.js';
import { logisticsEn } from './en/logistics.js';
import { logisticsPartnersEn } from './en/logistics-partners.js';
import { waybillEn } from './en/waybill.js';
import { adminZh } from './zh-CN/admin.js';
import { channelsZh } from './zh-CN/channels.js';
import { drawerZh } from './zh-CN/drawer.js';
import { ordersZh } from './zh-CN/orders.js';
import { shellZh } from './zh-CN/shell.js';
import { notifyZh } from './zh-CN/notify.js';
import { mappingZh } from './zh-CN/mapping.js';
import { logisticsZh } from './zh-CN/logistics.js';
import { logisticsPartnersZh } from './zh-CN/logistics-partners.js';
import { waybillZh } from './zh-CN/waybill.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const zhCN = { ...shellZh, ...ordersZh, ...drawerZh, ...adminZh, ...channelsZh, ...notifyZh, ...mappingZh, ...logisticsZh, ...logisticsPartnersZh, ...waybillZh };
export type MessageKey = keyof typeof zhCN;

/** Each English section is typed against its Chinese source, so a missing key is a compile error. */
const en: Record<MessageKey, string> = { ...shellEn, ...ordersEn, ...drawerEn, ...adminEn, ...channelsEn, ...notifyEn, ...mappingEn, ...logisticsEn, ...logisticsPartnersEn, ...waybillEn };

export const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
