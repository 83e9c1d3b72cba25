import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys, no empty text, and the same placeholders in every language', () => {
    const zh = DICTIONARIES['zh-CN'];
    const en = DICTIONARIES.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of Object.entries(zh)) {
      expect(text, key).not.toBe('');
      expect(en[key as keyof typeof en], key).not.toBe('');
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });
});
