import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { forwardMessage } from '../../app/chats';
import type { Message } from '../../app/queries';
import { errorText } from '../errors';
import { t } from '../lib/i18n';
import { createSendTargets } from './sendTargets';

/**
 * "Forward to…": the conversations (archived ones too), then the other contacts, filtered by name or address as the
 * person types. Up and Down move through them from the search box (a combobox over a
 * listbox), Enter or a click forwards and closes; Esc closes without sending.
 */
export function ForwardDialog(props: { message: Message; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  let opener: Element | null = null;
  const id = createUniqueId();
  const [filter, setFilter] = createSignal('');
  const [active, setActive] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');

  const targets = createSendTargets(filter);
  const optionId = (i: number) => `${id}-opt-${i}`;
  const what = () => props.message.file?.name ?? props.message.body;

  onMount(() => {
    opener = document.activeElement;
    dialog.showModal();
  });

  async function pick(peer: string) {
    if (busy()) return;
    setBusy(true);
    setError('');
    try {
      await forwardMessage(props.message.id, peer);
      dialog.close();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function onKey(e: KeyboardEvent) {
    const n = targets().length;
    if (!n) return;
    const go = (i: number) => {
      e.preventDefault();
      setActive((i + n) % n);
      document.getElementById(optionId(active()))?.scrollIntoView({ block: 'nearest' });
    };
    if (e.key === 'ArrowDown') go(active() + 1);
    else if (e.key === 'ArrowUp') go(active() - 1);
    else if (e.key === 'Home' && e.ctrlKey) go(0);
    else if (e.key === 'End' && e.ctrlKey) go(n - 1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      const x = targets()[Math.min(active(), n - 1)];
      if (x) void pick(x.peer);
    }
  }

  function closed() {
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    props.onClose();
  }

  return (
    <dialog
      ref={dialog}
      class="share-dialog fwd-dialog"
      aria-labelledby={`${id}-t`}
      onClose={closed}
    >
      <h2 id={`${id}-t`}>{t('fwd.title')}</h2>
      <p class="share-text fwd-what">{what()}</p>
      <input
        type="search"
        role="combobox"
        aria-label={t('fwd.search')}
        placeholder={t('fwd.search')}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={targets().length ? optionId(active()) : undefined}
        value={filter()}
        onInput={(e) => {
          setFilter(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <div id={`${id}-list`} class="share-targets" role="listbox" aria-label={t('fwd.title')}>
        <For each={targets()} fallback={<p class="hint">{t('fwd.none')}</p>}>
          {(x, i) => (
            <div
              id={optionId(i())}
              role="option"
              tabIndex={-1}
              class="row fwd-target"
              classList={{ active: i() === active() }}
              aria-selected={i() === active()}
              aria-label={t('fwd.to', { name: x.name })}
              aria-disabled={busy()}
              onPointerMove={() => setActive(i())}
              onClick={() => void pick(x.peer)}
              onKeyDown={(e) => e.key === 'Enter' && void pick(x.peer)}
            >
              <span class="name">{x.name}</span>
              <span class="hint">{x.peer}</span>
            </div>
          )}
        </For>
      </div>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => dialog.close()}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
