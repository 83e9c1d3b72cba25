import { describe, expect, it } from 'vitest';
import { dingtalkBody } from './dingtalk.js';
import { truncateUtf8, wecomBody, WECOM_TEXT_MAX_BYTES } from './wecom.js';

describe('robot message bodies (protocols.md §6)', () => {
  it('WeCom text with mentions, markdown without (mentioned_list is text-only)', () => {
    expect(wecomBody('hi', '# hi', 'text', ['@all'])).toEqual({ msgtype: 'text', text: { content: 'hi', mentioned_list: ['@all'] } });
    expect(wecomBody('hi', '# hi', 'markdown', ['@all'])).toEqual({ msgtype: 'markdown', markdown: { content: '# hi' } });
  });

  it('cuts WeCom text at 2048 bytes on a character boundary', () => {
    const long = '运'.repeat(1000); // 3 bytes each
    const body = wecomBody(long, long, 'text', []) as { text: { content: string } };
    expect(Buffer.byteLength(body.text.content)).toBeLessThanOrEqual(WECOM_TEXT_MAX_BYTES);
    expect(body.text.content.endsWith('…')).toBe(true);
    expect(body.text.content.replace('…', '')).toMatch(/^运+$/);
    expect(truncateUtf8('short', 2048)).toBe('short');
  });

  it('DingTalk: markdown carries a title; @mobiles appear in the text as well as in at', () => {
    expect(dingtalkBody('T', 'text', '### md', 'markdown', [])).toEqual({ msgtype: 'markdown', markdown: { title: 'T', text: '### md' }, at: { atMobiles: [], isAtAll: false } });
    expect(dingtalkBody('T', 'text', '### md', 'text', ['13800138000'])).toEqual({ msgtype: 'text', text: { content: 'text\n@13800138000' }, at: { atMobiles: ['13800138000'], isAtAll: false } });
  });
});
