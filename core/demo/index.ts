/** Seeded, deterministic demo orders across Douyin, Pinduoduo, Taobao/Tmall, the WeChat mini-program and POS. */
export { generateDemoOrders, DEMO_WINDOW_DAYS, type DemoOptions } from './generate.js';
export { DEMO_SHOPS, PLATFORM_STATUS_PAIRS, type DemoShop } from './channels.js';
export { CATALOGUE, type Product } from './catalogue.js';
export { DEMO_WAYBILL_PATTERNS, type DemoCarrier } from './logistics.js';
