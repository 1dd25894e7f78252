import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { useUploadService } from '../../app/queryClient';
import { discardShare, readShare, sendShare } from '../../app/share';
import { createSendTargets } from '../chats/sendTargets';
import { errorText } from '../errors';
import { t } from '../lib/i18n';

/**
 * "Send to…": what another app shared with Parley (#/share?id=...), and the conversations to
 * send it to, recent ones first, then the other contacts. Picking one sends it and opens it.
 */
export function SharePicker(props: {
  id: string;
  onSent: (peer: string) => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  const [share] = createResource(() => props.id, readShare);
  const upload = useUploadService();
  const [filter, setFilter] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  let sentTo: string | null = null;

  const targets = createSendTargets(filter);

  onMount(() => dialog.showModal());

  async function pick(peer: string) {
    const s = share();
    if (!s || busy()) return;
    setBusy(true);
    setError('');
    try {
      await sendShare(peer, s, upload.data?.maxFileSize);
      sentTo = peer;
      dialog.close();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  // Every way out (Escape, Cancel, a send) closes the dialog; only a send keeps nothing to drop.
  function closed() {
    if (sentTo) return props.onSent(sentTo);
    void discardShare(props.id);
    props.onClose();
  }

  return (
    <dialog ref={dialog} class="share-dialog" aria-labelledby="share-title" onClose={closed}>
      <h2 id="share-title">{t('share.title')}</h2>
      <Show when={!share.loading}>
        <Show when={share()} fallback={<p class="hint">{t('share.gone')}</p>}>
          {(s) => (
            <>
              <div class="share-what">
                <Show when={s().files.length > 0}>
                  <p>
                    {s().files.length === 1
                      ? s().files[0]?.name
                      : t('share.files', { n: s().files.length })}
                  </p>
                </Show>
                <Show when={s().text}>
                  <p class="share-text">{s().text}</p>
                </Show>
                <Show when={s().dropped > 0}>
                  <p class="hint">{t('share.dropped', { n: s().dropped })}</p>
                </Show>
              </div>
              <input
                type="search"
                aria-label={t('share.search')}
                placeholder={t('share.search')}
                value={filter()}
                onInput={(e) => setFilter(e.currentTarget.value)}
              />
              <ul class="share-targets">
                <For each={targets()} fallback={<li class="hint">{t('share.none')}</li>}>
                  {(x) => (
                    <li>
                      <button
                        type="button"
                        class="row"
                        disabled={busy()}
                        aria-label={t('share.sendTo', { name: x.name })}
                        onClick={() => void pick(x.peer)}
                      >
                        <span class="name">{x.name}</span>
                        <span class="hint">{x.peer}</span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={busy()}>
                <p role="status">{t('share.sending')}</p>
              </Show>
              <Show when={error()}>
                <p class="error" role="alert">
                  {error()}
                </p>
              </Show>
            </>
          )}
        </Show>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => dialog.close()}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
