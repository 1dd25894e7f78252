import { createSignal } from 'solid-js';
import { type Lang, type MessageKey, pickLang, translate } from '../../i18n';

const KEY = 'parley.lang';
type Choice = Lang | 'auto';

function stored(): Choice {
  const v = globalThis.localStorage?.getItem(KEY);
  return v === 'en' || v === 'zh-CN' || v === 'zh-TW' ? v : 'auto';
}

const [choice, setChoiceSignal] = createSignal<Choice>(stored());

export const langChoice = choice;

export function lang(): Lang {
  const c = choice();
  return c === 'auto' ? pickLang(globalThis.navigator?.languages ?? ['en']) : c;
}

export function setLangChoice(c: Choice) {
  if (c === 'auto') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, c);
  setChoiceSignal(c);
  document.documentElement.lang = lang();
}

/** Reactive translation: re-renders when the language changes. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(lang(), key, params);
}
