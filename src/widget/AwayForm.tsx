import { createSignal, Show } from 'solid-js';
import type { Translate } from './text';

const EMAIL_KEY = 'parley.widget.email';
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Nobody on duty: say so, and take an email address for a reply (sent into the conversation).
 * A known customer whose email the shop gave (`known`) is not asked for one.
 */
export function AwayForm(props: {
  t: Translate;
  known?: string;
  onEmail: (email: string) => Promise<void>;
}) {
  const [saved, setSaved] = createSignal(props.known || localStorage.getItem(EMAIL_KEY) || '');
  const [value, setValue] = createSignal('');
  const [bad, setBad] = createSignal(false);
  const id = `pw-email-${Math.random().toString(36).slice(2)}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const email = value().trim();
    if (!EMAIL.test(email) || email.length > 254) return setBad(true);
    setBad(false);
    await props.onEmail(email);
    localStorage.setItem(EMAIL_KEY, email);
    setSaved(email);
  };
  return (
    <>
      <p class="notice">{props.t('widget.away')}</p>
      <Show
        when={!saved()}
        fallback={<p class="notice">{props.t('widget.emailSaved', { email: saved() })}</p>}
      >
        <form class="email" novalidate onSubmit={submit}>
          <label for={id}>{props.t('widget.email')}</label>
          <input
            id={id}
            type="email"
            autocomplete="email"
            placeholder={props.t('widget.email')}
            aria-invalid={bad()}
            value={value()}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
          <button type="submit" class="send">
            {props.t('widget.emailSave')}
          </button>
        </form>
        <Show when={bad()}>
          <p class="error" role="alert">
            {props.t('widget.emailBad')}
          </p>
        </Show>
      </Show>
    </>
  );
}
