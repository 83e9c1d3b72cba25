/** Receivers, senders, addresses and platform order ids as they appear on Chinese e-waybills. */
import type { Rng } from './rng.js';

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '林', '郭', '何'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建华', '晓东'];
const PLACES = [
  ['浙江省', '杭州市', '西湖区', '文三路'], ['上海市', '上海市', '浦东新区', '张江路'], ['广东省', '深圳市', '南山区', '科技园南路'],
  ['北京市', '北京市', '朝阳区', '建国路'], ['江苏省', '苏州市', '工业园区', '星湖街'], ['四川省', '成都市', '武侯区', '天府大道'],
  ['湖北省', '武汉市', '洪山区', '珞喻路'], ['山东省', '青岛市', '市南区', '香港中路'], ['福建省', '厦门市', '思明区', '湖滨南路'],
] as const;
const PLACE_TAILS = ['号', '号院', '弄', '号大厦'];

export interface Person {
  surname: string;
  /** As printed: platforms mask names ("张**") and phones ("138****5678"). */
  name: string;
  phone: string;
  phoneTail: string;
  address: string;
}

export function person(rng: Rng): Person {
  const surname = rng.pick(SURNAMES);
  const given = rng.pick(GIVEN);
  const name = rng.pick([`${surname}${'*'.repeat(given.length)}`, `${surname}${given}`, `${surname}*${given.slice(-1)}`, `${surname}先生`, `${surname}女士`]);
  const phoneTail = rng.digits(4);
  const head = rng.pick(['138', '139', '186', '155', '177', '135', '150', '188']);
  const phone = rng.chance(0.6) ? `${head}****${phoneTail}` : `${head}${rng.digits(4)}${phoneTail}`;
  const [prov, city, district, road] = rng.pick(PLACES);
  const address = `${prov}${prov === city ? '' : city}${district}${road}${rng.int(1, 999)}${rng.pick(PLACE_TAILS)}${rng.int(1, 30)}栋${rng.int(101, 2808)}室`;
  return { surname, name, phone, phoneTail, address };
}

/** Platform order ids: the "second barcode" and the printed 订单号 that must not win. */
export function orderId(rng: Rng): string {
  return rng.pick([
    () => `${rng.pick(['1', '2', '3'])}${rng.digits(18)}`, // Taobao tid, 19 digits
    () => `${rng.digits(6)}-${rng.digits(15)}`, // Pinduoduo order_sn
    () => `69${rng.digits(17)}`, // Douyin order id
    () => `${rng.pick(['2', '3'])}${rng.digits(11)}`, // JD order id, 12 digits: fits SF's old 12-digit shape
  ])();
}

/** 三段码: the carrier's sorting code, printed large; must not be read as a waybill number. */
export function sortingCode(rng: Rng): string {
  return rng.pick([
    () => `${rng.int(100, 999)}-${rng.pick(['A', 'B', 'C', 'D', 'W'])}${rng.int(10, 99)} ${rng.digits(2)}`,
    () => `${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.digits(3)}`,
    () => `${rng.pick(['755', '571', '021', '010'])}${rng.pick(['W', 'A', 'DA'])} ${rng.int(1, 99)}`,
  ])();
}
