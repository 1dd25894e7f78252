import { For } from 'solid-js';
import { LANGS } from '../i18n';
import { langChoice, setLangChoice, t } from './lib/i18n';

/** The language switch, the same in Settings and on the sign-in screen. */
export function LanguageSelect() {
  return (
    <label>
      {t('settings.language')}
      <select
        value={langChoice()}
        onChange={(e) => setLangChoice(e.currentTarget.value as ReturnType<typeof langChoice>)}
      >
        <option value="auto">{t('settings.langAuto')}</option>
        <For each={LANGS}>{(l) => <option value={l.lang}>{l.label}</option>}</For>
      </select>
    </label>
  );
}
