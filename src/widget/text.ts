// The panel's words from the i18n catalogs: only the widget's part of them (i18n/<lang>/widget.ts),
// and only the shopper's language (each its own chunk). The whole catalog of one language
// would be most of the first open's words for nothing: the widget uses one key in twenty.
import type { WidgetCatalog, WidgetKey } from '../i18n/en';
import type { WidgetLang } from './settings';

const catalogs: Record<WidgetLang, () => Promise<WidgetCatalog>> = {
  en: () => import('../i18n/en/widget').then((m) => m.enWidget),
  'zh-CN': () => import('../i18n/zh-CN/widget').then((m) => m.zhCNWidget),
  'zh-TW': () => import('../i18n/zh-TW/widget').then((m) => m.zhTWWidget),
};

export type Translate = (key: WidgetKey, params?: Record<string, string | number>) => string;

export async function loadText(lang: WidgetLang): Promise<Translate> {
  const catalog = await catalogs[lang]();
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (m, name: string) =>
      params?.[name] === undefined ? m : String(params[name]),
    );
}
