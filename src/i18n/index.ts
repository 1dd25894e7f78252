import { type Catalog, en, type MessageKey, type WidgetKey } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

export type { MessageKey, WidgetKey };
export type Lang = 'en' | 'zh-CN' | 'zh-TW';
export const LANGS: Array<{ lang: Lang; label: string }> = [
  { lang: 'en', label: 'English' },
  { lang: 'zh-CN', label: '简体中文' },
  { lang: 'zh-TW', label: '繁體中文' },
];

const catalogs: Record<Lang, Catalog> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/** Pick the best supported language for a list like navigator.languages. */
export function pickLang(preferred: readonly string[]): Lang {
  for (const p of preferred) {
    const l = p.toLowerCase();
    if (l.startsWith('zh')) {
      return /(tw|hk|mo|hant)/.test(l) ? 'zh-TW' : 'zh-CN';
    }
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>) {
  const text = catalogs[lang][key] ?? en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    params[name] === undefined ? m : String(params[name]),
  );
}
