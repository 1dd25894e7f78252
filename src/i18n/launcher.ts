// The launcher's own words, apart from the catalogs: widget.js (at most 8 KB gzip) draws the
// launcher before anything else loads, and a whole catalog would triple its size.
// Typed per language, so a missing translation is a type error as in the catalogs.
import type { Lang } from './index';

export interface LauncherText {
  open: string;
  /** `{n}` unread messages. */
  openUnread: string;
  close: string;
}

export const launcherText: Record<Lang, LauncherText> = {
  en: { open: 'Open chat', openUnread: 'Open chat, {n} unread', close: 'Close chat' },
  'zh-CN': { open: '打开聊天', openUnread: '打开聊天，{n} 条未读', close: '关闭聊天' },
  'zh-TW': { open: '開啟聊天', openUnread: '開啟聊天，{n} 則未讀', close: '關閉聊天' },
};
