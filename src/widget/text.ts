// The panel's words from the i18n catalogs. Only the shopper's language is fetched (each
// catalog is its own chunk): the three together would be a third of the first-open budget.
import type { Catalog, MessageKey } from '../i18n/en';
import type { WidgetLang } from './settings';

const catalogs: Record<WidgetLang, () => Promise<Catalog>> = {
  en: () => import('../i18n/en').then((m) => m.en),
  'zh-CN': () => import('../i18n/zh-CN').then((m) => m.zhCN),
  'zh-TW': () => import('../i18n/zh-TW').then((m) => m.zhTW),
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export async function loadText(lang: WidgetLang): Promise<Translate> {
  const catalog = await catalogs[lang]();
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (m, name: string) =>
      params?.[name] === undefined ? m : String(params[name]),
    );
}
