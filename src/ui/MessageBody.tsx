import { createSignal, For, Show } from 'solid-js';
import { lang, t } from './lib/i18n';
import { linkify } from './lib/linkify';
import { saveBlob } from './lib/save';

/**
 * Characters of a body shown before "Show all": as much as Parley itself lets a person send.
 * Laying out a megabyte of text in one bubble stalls the page, and scrolling past it is no use.
 */
export const SHOWN_CHARS = 10_000;

/** The first `max` UTF-16 units of `s`, never ending in half a surrogate pair. */
function head(s: string, max: number): string {
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * A message's text, as text nodes with links. A long one shows its beginning and says so,
 * with "Show all" and "Save as file": nothing is cut without a word.
 */
export function MessageBody(props: { body: string; at: number }) {
  const [all, setAll] = createSignal(false);
  const long = () => props.body.length > SHOWN_CHARS;
  const shown = () => (long() && !all() ? head(props.body, SHOWN_CHARS) : props.body);
  const count = (n: number) => new Intl.NumberFormat(lang()).format(n);
  return (
    <>
      <p class="body">
        <For each={linkify(shown())}>
          {(seg) => (
            <Show when={seg.href} fallback={seg.text}>
              {(href) => (
                <a href={href()} target="_blank" rel="noopener noreferrer nofollow ugc">
                  {seg.text}
                </a>
              )}
            </Show>
          )}
        </For>
      </p>
      <Show when={long()}>
        <p class="long-note">
          <Show when={!all()}>
            <span>
              {t('msg.long', {
                shown: count(shown().length),
                total: count(props.body.length),
              })}
            </span>
            <button type="button" class="link" onClick={() => setAll(true)}>
              {t('msg.showAll')}
            </button>
          </Show>
          <button
            type="button"
            class="link"
            onClick={() =>
              saveBlob(
                new Blob([props.body], { type: 'text/plain' }),
                `message-${new Date(props.at).toISOString().slice(0, 19).replace(/:/g, '-')}.txt`,
              )
            }
          >
            {t('msg.saveText')}
          </button>
        </p>
      </Show>
    </>
  );
}
