import { describe, expect, it } from 'vitest';
import { CoreFailure } from '../kernel/errors.js';
import { TemplateRegistry, templateVariables } from './templates.js';

const vars = { orderId: '3901234567890123456', waybillNo: 'SF1234567890123', carrier: '顺丰速运', hours: 24 };

describe('notification templates', () => {
  const registry = new TemplateRegistry();

  it('renders zh-CN text, markdown and SMS params with every variable filled', () => {
    const m = registry.render('logistics.stalled.customer', vars);
    expect(m.text).toBe('您的订单3901234567890123456（顺丰速运 SF1234567890123）物流信息已24小时未更新，我们已在跟进，如有疑问请联系客服。');
    expect(m.smsParams).toEqual({ orderId: '3901234567890123456', carrier: '顺丰速运', waybillNo: 'SF1234567890123', hours: '24' });
    const md = registry.render('logistics.firstScanOverdue', { ...vars, hours: 2 });
    expect(md.markdown).toContain('<font color="warning">2 小时</font>');
    expect(md.markdown).not.toMatch(/\{\w+\}/);
    expect(md.title).toBe('首扫超时：订单 3901234567890123456');
  });

  it('names every missing variable in a ValidationError', () => {
    let error: unknown;
    try {
      registry.render('logistics.firstScanOverdue', { orderId: '1', carrier: '' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CoreFailure);
    expect((error as CoreFailure).type).toBe('ValidationError');
    expect((error as CoreFailure).message).toContain('{carrier}, {hours}, {waybillNo}');
    expect((error as CoreFailure).details).toMatchObject({ missing: ['carrier', 'hours', 'waybillNo'] });
  });

  it('refuses an unknown template and a second registration of a name', () => {
    expect(() => registry.render('nope.nothing', {})).toThrow(/Unknown notification template/);
    expect(() => registry.register({ name: 'notify.test', title: 'x', text: 'y' })).toThrow(/twice/);
    expect(() => registry.register({ name: 'Bad Name', title: 'x', text: 'y' })).toThrow(/module\.event/);
  });

  it('lets other modules register their own', () => {
    const own = new TemplateRegistry([]);
    own.register({ name: 'health.briefing', title: '早报 {date}', text: '今日待办 {todo} 项' });
    expect(templateVariables(own.get('health.briefing')!)).toEqual(['date', 'todo']);
    expect(own.render('health.briefing', { date: '11-28', todo: 3 }).text).toBe('今日待办 3 项');
  });
});
