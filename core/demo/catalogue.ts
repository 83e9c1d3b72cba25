import type { Channel } from '../contract/orders.js';
import { Rng } from './rng.js';

/** A product as the seller's catalogue knows it; prices are the list price in fen. */
export interface Product {
  standardSku: string;
  title: string;
  listPriceFen: number;
  /** Per channel: the platform's own SKU id and item (product) id for this product. */
  platformSku: Record<Channel, string>;
  platformItemId: Record<Channel, string | undefined>;
}

// [standard SKU, title, list price in yuan]: everyday goods that Chinese shops sell on every channel.
const GOODS: ReadonlyArray<readonly [string, string, number]> = [
  ['SKU-TEA-001', '西湖龙井 明前特级 250g', 268], ['SKU-TEA-002', '安吉白茶 雨前一级 100g', 58.5],
  ['SKU-TEA-003', '武夷山大红袍 岩茶礼盒 300g', 198], ['SKU-TEA-004', '福鼎白茶 寿眉茶饼 350g', 128],
  ['SKU-TEA-005', '云南普洱熟茶饼 357g', 89], ['SKU-TEA-006', '正山小种 红茶罐装 150g', 79],
  ['SKU-TEA-007', '安溪铁观音 浓香型 250g', 66], ['SKU-TEA-008', '茉莉花茶 飘雪 200g', 39.9],
  ['SKU-TEA-009', '冻干柠檬片 独立包装 30袋', 29.9], ['SKU-TEA-010', '玻璃泡茶杯 茶水分离 400ml', 49],
  ['SKU-SNK-001', '三只松鼠 每日坚果 750g/30袋', 99.9], ['SKU-SNK-002', '良品铺子 芒果干 108g', 15.9],
  ['SKU-SNK-003', '百草味 夏威夷果 奶油味 200g', 25.9], ['SKU-SNK-004', '卫龙 大面筋辣条 106g×5', 19.9],
  ['SKU-SNK-005', '旺旺 雪饼 家庭装 520g', 22.8], ['SKU-SNK-006', '乐事 薯片 原味 70g×6', 32.9],
  ['SKU-SNK-007', '螺霸王 柳州螺蛳粉 330g×3', 39.9], ['SKU-SNK-008', '自嗨锅 麻辣牛肉自热火锅 2盒', 45.8],
  ['SKU-SNK-009', '蒙牛 纯牛奶 250ml×24', 59.9], ['SKU-SNK-010', '元气森林 白桃气泡水 480ml×15', 69],
  ['SKU-SNK-011', '五常大米 稻花香 5kg', 79.9], ['SKU-SNK-012', '金龙鱼 花生油 5L', 129.9],
  ['SKU-CARE-001', '舒肤佳 沐浴露 纯白清香 1L', 39.9], ['SKU-CARE-002', '海飞丝 去屑洗发水 750ml', 69.9],
  ['SKU-CARE-003', '云南白药 牙膏 薄荷清爽 180g×3', 59.9], ['SKU-CARE-004', '维达 抽纸 3层130抽×24包', 49.9],
  ['SKU-CARE-005', '蓝月亮 洗衣液 薰衣草 3kg', 45.9], ['SKU-CARE-006', '百雀羚 水乳套装 补水保湿', 199],
  ['SKU-CARE-007', '自然堂 雪域精粹面霜 50g', 129], ['SKU-CARE-008', '完美日记 哑光口红 #520', 79.9],
  ['SKU-CARE-009', '花西子 空气蜜粉 8g', 149], ['SKU-CARE-010', '飞科 电动剃须刀 FS901', 169],
  ['SKU-CARE-011', '欧乐B 电动牙刷 iO3', 399], ['SKU-CARE-012', '洁柔 湿厕纸 40片×4包', 26.9],
  ['SKU-HOME-001', '全棉四件套 1.8m床 简约条纹', 399], ['SKU-HOME-002', '泰国乳胶枕 一对装', 199],
  ['SKU-HOME-003', '夏凉被 空调被 200×230cm', 159], ['SKU-HOME-004', '304不锈钢保温杯 500ml', 89],
  ['SKU-HOME-005', '苏泊尔 不粘炒锅 32cm', 219], ['SKU-HOME-006', '双枪 竹筷子 10双装', 19.9],
  ['SKU-HOME-007', '加厚塑料收纳箱 3个装', 59.9], ['SKU-HOME-008', '乐扣乐扣 玻璃保鲜盒 4件套', 99],
  ['SKU-HOME-009', '美的 电热水壶 1.7L', 99], ['SKU-HOME-010', '九阳 破壁豆浆机 免滤', 399],
  ['SKU-HOME-011', '小熊 多功能电煮锅 1.2L', 119], ['SKU-HOME-012', '3M 思高免打孔挂钩 20个', 25.9],
  ['SKU-DIGI-001', '绿联 65W 氮化镓充电器', 129], ['SKU-DIGI-002', '绿联 Type-C数据线 1m 2条装', 29.9],
  ['SKU-DIGI-003', '小米 充电宝 20000mAh', 129], ['SKU-DIGI-004', '倍思 磁吸车载手机支架', 59],
  ['SKU-DIGI-005', '漫步者 Lolli Pro 蓝牙耳机', 299], ['SKU-DIGI-006', '罗技 M330 静音无线鼠标', 119],
  ['SKU-DIGI-007', '闪迪 128GB USB3.2 U盘', 59.9], ['SKU-DIGI-008', 'iPhone 15 钢化膜 2片装', 19.9],
  ['SKU-DIGI-009', '小米 智能体重秤 S200', 69], ['SKU-DIGI-010', '公牛 6孔插线板 1.8m', 49.9],
  ['SKU-BABY-001', '帮宝适 纸尿裤 L码 144片', 239], ['SKU-BABY-002', '飞鹤 星飞帆 3段奶粉 700g', 298],
  ['SKU-BABY-003', '好奇 婴儿湿巾 80抽×10包', 69.9], ['SKU-PET-001', '皇家 室内成猫猫粮 2kg', 159],
  ['SKU-PET-002', '伯纳天纯 狗粮 10kg', 329], ['SKU-PET-003', '豆腐猫砂 6L×4包', 79.9],
];

/**
 * Platform ids are fixed for the catalogue (own seed, independent of the order seed) so that SKU
 * mappings made in one demo run still apply in the next. Formats follow what each platform issues:
 * Taobao num_iid 12 digits and sku_id 13 digits; Douyin product_id 19 digits starting with 3
 * (e.g. 3473196049974326153 in the order.searchList sample) and 16-digit sku ids; PDD goods_id and
 * sku_id 11–12 digits; the seller's own mini-program codes; EAN-13 barcodes (China's 690–699) at the till.
 */
function buildCatalogue(): Product[] {
  const rng = new Rng(0x5eed_ca7a);
  return GOODS.map(([standardSku, title, yuan], i) => ({
    standardSku,
    title,
    listPriceFen: Math.round(yuan * 100),
    platformSku: {
      taobao: `${rng.int(4, 5)}${rng.digits(12)}`,
      douyin: `17${rng.digits(14)}`,
      pinduoduo: `${rng.int(1, 9)}${rng.digits(rng.int(10, 11))}`,
      wechat: `wx-sku-${10001 + i}`,
      pos: ean13(`69${rng.int(0, 5)}${rng.digits(9)}`),
    },
    platformItemId: {
      taobao: `${rng.int(6, 7)}${rng.digits(11)}`,
      douyin: `3${rng.int(4, 7)}${rng.digits(17)}`,
      pinduoduo: `${rng.int(1, 6)}${rng.digits(rng.int(9, 10))}`,
      wechat: `wx-spu-${2001 + i}`,
      pos: undefined,
    },
  }));
}

/** Appends the EAN-13 check digit (GS1: weights 1,3 alternating from the left). */
export function ean13(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

export const CATALOGUE: readonly Product[] = buildCatalogue();
