/**
 * Message templates in zh-CN, looked up by name: other modules enqueue `logistics.stalled.customer`
 * with its variables and never write message text themselves. A missing variable is refused when the
 * message is enqueued (inside the caller's transaction), not discovered by the worker later.
 */
import { fail } from '../kernel/errors.js';

export interface NotifyTemplate {
  name: string;
  /** Short title: DingTalk markdown title, inbox subject. */
  title: string;
  /** Plain text (WeCom/DingTalk text, SMS preview, inbox body). */
  text: string;
  /** Robot markdown variant (protocols.md §6.1 subset); the text is used when absent. */
  markdown?: string;
  /** Variables the SMS gateway template takes (Aliyun TemplateParam, protocols.md §7); default: all. */
  smsParams?: string[];
}

export type TemplateVariables = Record<string, string | number>;

export interface RenderedMessage {
  title: string;
  text: string;
  markdown: string;
  smsParams: Record<string, string>;
}

const VARIABLE = /\{(\w+)\}/g;

export function templateVariables(template: NotifyTemplate): string[] {
  const names = new Set<string>();
  for (const part of [template.title, template.text, template.markdown ?? '']) for (const m of part.matchAll(VARIABLE)) names.add(m[1]!);
  for (const p of template.smsParams ?? []) names.add(p);
  return [...names].sort();
}

function fill(text: string, variables: TemplateVariables): string {
  return text.replace(VARIABLE, (_whole, name: string) => String(variables[name]));
}

export class TemplateRegistry {
  private readonly templates = new Map<string, NotifyTemplate>();

  constructor(initial: readonly NotifyTemplate[] = BUILT_IN_TEMPLATES) {
    for (const t of initial) this.register(t);
  }

  /** Modules add their own templates at start; a name can be registered once. */
  register(template: NotifyTemplate): void {
    if (!/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/.test(template.name)) throw new Error(`Template name must look like "module.event": ${template.name}`);
    if (this.templates.has(template.name)) throw new Error(`Template registered twice: ${template.name}`);
    this.templates.set(template.name, template);
  }

  get(name: string): NotifyTemplate | undefined {
    return this.templates.get(name);
  }

  names(): string[] {
    return [...this.templates.keys()].sort();
  }

  /** Fills every variable; an unknown template or a missing/empty variable is a ValidationError. */
  render(name: string, variables: TemplateVariables): RenderedMessage {
    const template = this.templates.get(name);
    if (!template) throw fail.validation(`Unknown notification template "${name}".`, { template: 'unknown', known: this.names() });
    const missing = templateVariables(template).filter((v) => variables[v] === undefined || variables[v] === null || String(variables[v]).trim() === '');
    if (missing.length > 0) {
      throw fail.validation(`Template "${name}" needs ${missing.map((m) => `{${m}}`).join(', ')}; the notification was not queued.`, { template: name, missing });
    }
    const params = template.smsParams ?? templateVariables(template);
    return {
      title: fill(template.title, variables),
      text: fill(template.text, variables),
      markdown: fill(template.markdown ?? template.text, variables),
      smsParams: Object.fromEntries(params.map((p) => [p, String(variables[p])])),
    };
  }
}

/** The messages issue 4 names; other modules may register more. */
export const BUILT_IN_TEMPLATES: readonly NotifyTemplate[] = [
  {
    name: 'logistics.firstScanOverdue',
    title: '首扫超时：订单 {orderId}',
    text: '【首扫超时】订单 {orderId} 已发货 {hours} 小时，运单 {waybillNo}（{carrier}）仍无揽收扫描，请仓库核查是否已交接快递。',
    markdown: '### 首扫超时\n> 订单 **{orderId}** 已发货 <font color="warning">{hours} 小时</font>\n> 运单 `{waybillNo}`（{carrier}）仍无揽收扫描\n\n请仓库核查是否已交接快递。',
  },
  {
    name: 'logistics.stalled.customer',
    title: '物流进度提醒',
    text: '您的订单{orderId}（{carrier} {waybillNo}）物流信息已{hours}小时未更新，我们已在跟进，如有疑问请联系客服。',
    smsParams: ['orderId', 'carrier', 'waybillNo', 'hours'],
  },
  {
    name: 'logistics.stalled.staff',
    title: '物流停滞：订单 {orderId}',
    text: '【物流停滞】订单 {orderId} 运单 {waybillNo}（{carrier}）已 {hours} 小时无新轨迹，已通知客户并创建异常工单。',
    markdown: '### 物流停滞\n> 订单 **{orderId}**，运单 `{waybillNo}`（{carrier}）\n> 已 <font color="warning">{hours} 小时</font>无新轨迹\n\n已通知客户并创建异常工单。',
  },
  {
    name: 'exceptions.ticketOpened',
    title: '新异常工单 {ticketId}',
    text: '【异常工单】{ticketId}：{reason}（订单 {orderId}），请 {group} 跟进。',
  },
  {
    name: 'notify.test',
    title: '通知测试',
    text: '【Order Hub】这是一条测试消息（{target}），发送时间 {at}。收到即表示配置正确。',
    markdown: '### 通知测试\n这是一条来自 **Order Hub** 的测试消息（{target}）\n> 发送时间 {at}\n\n收到即表示配置正确。',
  },
];
