import { createSignal, For, Show } from 'solid-js';
import type { PrechatDetails } from '../app/support';
import type { WidgetKey } from '../i18n/en';
import type { PrechatField } from './settings';
import type { Translate } from './text';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const ORDER = /^[\w#./-]{1,40}$/;

/** What is wrong with a field's value, as a catalog key; '' when it is fine. */
function problem(field: PrechatField, v: string): WidgetKey | '' {
  if (!v) return 'widget.prechat.required';
  if (field === 'email' && (!EMAIL.test(v) || v.length > 254)) return 'widget.emailBad';
  if (field === 'order' && !ORDER.test(v)) return 'widget.prechat.orderBad';
  if (v.length > 80) return 'widget.prechat.tooLong';
  return '';
}

/** Asked once before a new shopper's first message; every field is required. */
export function PrechatForm(props: {
  t: Translate;
  fields: PrechatField[];
  onDone: (details: PrechatDetails) => void;
}) {
  const [values, setValues] = createSignal<PrechatDetails>({});
  const [shown, setShown] = createSignal(false);
  const uid = Math.random().toString(36).slice(2);
  const label = (f: PrechatField) => props.t(`widget.prechat.${f}`);
  const errorOf = (f: PrechatField) => (shown() ? problem(f, values()[f]?.trim() ?? '') : '');
  const submit = (e: Event) => {
    e.preventDefault();
    setShown(true);
    if (props.fields.some((f) => errorOf(f))) return;
    const out: PrechatDetails = {};
    for (const f of props.fields) out[f] = values()[f]?.trim() ?? '';
    props.onDone(out);
  };
  return (
    <form class="prechat" novalidate onSubmit={submit}>
      <p class="notice">{props.t('widget.prechat.intro')}</p>
      <For each={props.fields}>
        {(f) => (
          <>
            <label for={`pw-${f}-${uid}`}>{label(f)}</label>
            <input
              id={`pw-${f}-${uid}`}
              type={f === 'email' ? 'email' : 'text'}
              autocomplete={f === 'name' ? 'name' : f === 'email' ? 'email' : 'off'}
              maxlength="200"
              aria-invalid={errorOf(f) !== ''}
              aria-describedby={errorOf(f) ? `pw-${f}-${uid}-err` : undefined}
              value={values()[f] ?? ''}
              onInput={(e) => setValues({ ...values(), [f]: e.currentTarget.value })}
            />
            <Show when={errorOf(f)}>
              {(key) => (
                <p class="error" id={`pw-${f}-${uid}-err`} role="alert">
                  {props.t(key() as WidgetKey)}
                </p>
              )}
            </Show>
          </>
        )}
      </For>
      <button type="submit" class="send">
        {props.t('widget.prechat.start')}
      </button>
    </form>
  );
}

/** The readable block every XMPP client shows: one "label: value" line per field. */
export function prechatText(t: Translate, fields: PrechatField[], d: PrechatDetails): string {
  return fields.map((f) => `${t(`widget.prechat.${f}`)}: ${d[f] ?? ''}`).join('\n');
}
