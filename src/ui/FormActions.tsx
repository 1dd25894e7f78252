import type { JSX } from 'solid-js';
import { ErrorLine } from './ErrorLine';
import { t } from './lib/i18n';

/** The end of a form: what went wrong, in words, then Cancel and the form's own submit. */
export function FormActions(props: {
  error: string;
  submit: JSX.Element;
  onCancel: () => void;
  disabled?: boolean;
}) {
  return (
    <>
      <ErrorLine text={props.error} />
      <div class="actions">
        <button type="button" onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="primary" disabled={props.disabled ?? false}>
          {props.submit}
        </button>
      </div>
    </>
  );
}
