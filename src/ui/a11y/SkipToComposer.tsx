import { t } from '../lib/i18n';

/**
 * The first stop of the Tab key while a conversation is open: hidden until focused, it puts
 * the focus in the message box (WCAG 2.4.1, a way past the list of conversations).
 */
export function SkipToComposer() {
  const jump = () =>
    document.querySelector<HTMLTextAreaElement>('.chat textarea:not([disabled])')?.focus();
  return (
    <button type="button" class="skip-link" onClick={jump}>
      {t('a11y.skipToComposer')}
    </button>
  );
}
