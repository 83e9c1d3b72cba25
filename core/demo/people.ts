import type { Receiver } from '../contract/orders.js';
import { type Rng, weightTable } from './rng.js';

/**
 * Surnames weighted roughly by frequency (王, 李, 张, 刘, 陈 each cover about 5–7% of people in
 * China), plus a few two-character surnames so the data has the long names a grid must fit.
 */
const SURNAMES = weightTable<string>([
  ['王', 72], ['李', 72], ['张', 68], ['刘', 55], ['陈', 46], ['杨', 32], ['黄', 25], ['赵', 22], ['吴', 21], ['周', 21],
  ['徐', 16], ['孙', 15], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 12], ['何', 12], ['林', 11], ['高', 11], ['罗', 10],
  ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 7], ['邓', 7], ['冯', 7], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 5], ['董', 5], ['潘', 5], ['袁', 5], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 4], ['吕', 4], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 3], ['汪', 3], ['廖', 3],
  ['欧阳', 1], ['上官', 0.3], ['司马', 0.3], ['诸葛', 0.2],
]);

// Characters common in given names of people born 1960–2005, male and female.
const GIVEN_CHARS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚',
  '桂', '英', '华', '建', '国', '文', '辉', '鹏', '飞', '玲', '婷', '雪', '慧', '宇', '浩', '凯', '晨', '欣', '怡', '佳',
  '子', '轩', '梓', '涵', '雨', '萱', '思', '博', '诗', '琪', '俊', '晓', '红', '燕', '海', '波', '斌', '梅', '秀', '兰',
];

export function chineseName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  const given = rng.chance(0.35) ? rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS);
  return surname + given;
}

// Mobile number blocks in use by China Mobile, Unicom, Telecom and Broadnet (MIIT numbering plan).
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187',
  '188', '189', '191', '192', '193', '195', '198', '199',
];

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** Douyin mask_post_tel and Taobao show 138****1234. */
export function maskMiddle(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/** Pinduoduo masks the tail once an order has left 待发货 (protocols.md §2.4: `1387677****`). */
export function maskTail(phone: string): string {
  return `${phone.slice(0, 7)}****`;
}

// [province, city, district, weight]: real districts, weighted towards where online orders come from.
// Municipalities repeat the name as the city, as platform address fields do.
const REGIONS = weightTable<readonly [string, string, string]>([
  [['广东省', '深圳市', '南山区'], 6], [['广东省', '深圳市', '宝安区'], 5], [['广东省', '广州市', '天河区'], 6],
  [['广东省', '广州市', '番禺区'], 4], [['广东省', '东莞市', '南城街道'], 3], [['广东省', '佛山市', '顺德区'], 3],
  [['浙江省', '杭州市', '西湖区'], 4], [['浙江省', '杭州市', '余杭区'], 5], [['浙江省', '宁波市', '鄞州区'], 3],
  [['浙江省', '温州市', '鹿城区'], 2], [['江苏省', '南京市', '鼓楼区'], 3], [['江苏省', '苏州市', '吴中区'], 4],
  [['江苏省', '无锡市', '梁溪区'], 2], [['上海市', '上海市', '浦东新区'], 7], [['上海市', '上海市', '闵行区'], 4],
  [['北京市', '北京市', '朝阳区'], 6], [['北京市', '北京市', '海淀区'], 4], [['天津市', '天津市', '南开区'], 2],
  [['重庆市', '重庆市', '渝北区'], 3], [['四川省', '成都市', '武侯区'], 4], [['四川省', '成都市', '锦江区'], 3],
  [['湖北省', '武汉市', '洪山区'], 3], [['湖南省', '长沙市', '岳麓区'], 3], [['陕西省', '西安市', '雁塔区'], 3],
  [['山东省', '青岛市', '市南区'], 2], [['山东省', '济南市', '历下区'], 2], [['河南省', '郑州市', '金水区'], 3],
  [['福建省', '厦门市', '思明区'], 2], [['福建省', '福州市', '鼓楼区'], 2], [['安徽省', '合肥市', '蜀山区'], 2],
  [['江西省', '南昌市', '红谷滩区'], 1], [['河北省', '石家庄市', '长安区'], 1], [['辽宁省', '沈阳市', '和平区'], 1],
  [['黑龙江省', '哈尔滨市', '南岗区'], 1], [['吉林省', '长春市', '朝阳区'], 1], [['山西省', '太原市', '小店区'], 1],
  [['云南省', '昆明市', '五华区'], 1], [['贵州省', '贵阳市', '南明区'], 1], [['广西壮族自治区', '南宁市', '青秀区'], 1],
  [['海南省', '海口市', '美兰区'], 1], [['内蒙古自治区', '呼和浩特市', '新城区'], 0.5], [['甘肃省', '兰州市', '城关区'], 0.5],
  [['宁夏回族自治区', '银川市', '兴庆区'], 0.3], [['青海省', '西宁市', '城西区'], 0.3],
  [['新疆维吾尔自治区', '乌鲁木齐市', '天山区'], 0.6], [['西藏自治区', '拉萨市', '城关区'], 0.2],
]);

/** Provinces most shops exclude from free shipping (偏远地区不包邮). */
export const REMOTE_PROVINCES: ReadonlySet<string> = new Set(['新疆维吾尔自治区', '西藏自治区', '青海省', '宁夏回族自治区', '内蒙古自治区', '甘肃省']);

// Road names found in nearly every Chinese city, and typical residential compound names.
const ROADS = ['人民路', '中山路', '解放路', '建设路', '新华路', '和平路', '长江路', '黄河路', '文化路', '胜利路', '朝阳路', '东风路', '学府路', '科技路', '滨江大道', '世纪大道'];
const COMPOUNDS = ['阳光花园', '锦绣家园', '万科城', '碧桂园', '保利花园', '金地名都', '绿地国际', '华润城', '翠苑小区', '幸福里', '龙湖天街', '融创府'];

export function receiverAddress(rng: Rng): Omit<Receiver, 'name' | 'phone'> {
  const [province, city, district] = rng.weighted(REGIONS);
  const street = `${rng.pick(ROADS)}${rng.int(1, 999)}号`;
  const address = rng.chance(0.8)
    ? `${street}${rng.pick(COMPOUNDS)}${rng.int(1, 32)}栋${rng.int(1, 4)}单元${rng.int(1, 33)}0${rng.int(1, 6)}室`
    : `${street}${rng.pick(['创业大厦', '国际金融中心', '科技园', '商务中心'])}${rng.pick(['A', 'B', 'C'])}座${rng.int(3, 40)}层`;
  return { province, city, district, address };
}
