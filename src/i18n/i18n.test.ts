import { describe, expect, it } from 'vitest';
import { en } from './en';
import { pickLang, translate } from './index';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

describe('i18n', () => {
  it('has every English key translated in both Chinese catalogs', () => {
    for (const cat of [zhCN, zhTW]) {
      expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(cat)) expect(v, k).not.toBe('');
    }
  });
  it('keeps placeholders in translations', () => {
    for (const [k, v] of Object.entries(en)) {
      const names = [...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const cat of [zhCN, zhTW]) {
        const got = [...(cat[k as keyof typeof en].matchAll(/\{(\w+)\}/g) ?? [])]
          .map((m) => m[1])
          .sort();
        expect(got, k).toEqual(names);
      }
    }
  });
  it('follows the browser language', () => {
    expect(pickLang(['zh-TW', 'en'])).toBe('zh-TW');
    expect(pickLang(['zh-Hant-HK'])).toBe('zh-TW');
    expect(pickLang(['zh'])).toBe('zh-CN');
    expect(pickLang(['fr', 'en-GB'])).toBe('en');
    expect(pickLang(['de'])).toBe('en');
  });
  it('fills parameters', () => {
    expect(translate('zh-CN', 'chat.typing', { name: '小明' })).toBe('小明 正在输入…');
  });
});
