import { For } from 'solid-js';
import type { MessageKey } from '../i18n';
import { t } from './lib/i18n';
import { createTheme, THEMES, type Theme } from './lib/theme';

const LABEL: Record<Theme, MessageKey> = {
  system: 'look.themeSystem',
  light: 'look.themeLight',
  dark: 'look.themeDark',
};

/** System, light or dark, in Settings. */
export function ThemeSelect() {
  const [theme, setTheme] = createTheme();
  return (
    <label>
      {t('look.theme')}
      <select value={theme()} onChange={(e) => setTheme(e.currentTarget.value as Theme)}>
        <For each={THEMES}>{(v) => <option value={v}>{t(LABEL[v])}</option>}</For>
      </select>
    </label>
  );
}
