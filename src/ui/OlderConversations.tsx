import { Show } from 'solid-js';
import { loadOlderConversations } from '../app/commands';
import { conversationScanQuery } from '../app/queries';
import { t } from './lib/i18n';
import { createLive } from './lib/live';

/**
 * The end of the chat list on a browser that found its conversations in the archive: says
 * while recent ones are still being found, then offers to look further back.
 */
export function OlderConversations() {
  const scan = createLive(() => conversationScanQuery, {
    scanning: false,
    loading: false,
    more: false,
  });
  return (
    <Show when={scan().scanning || scan().more}>
      <div class="list-end">
        <Show
          when={!scan().scanning}
          fallback={
            <p class="hint" aria-live="polite">
              {t('conv.scanning')}
            </p>
          }
        >
          <Show when={scan().more}>
            <button
              type="button"
              class="link"
              disabled={scan().loading}
              onClick={() => void loadOlderConversations()}
            >
              {scan().loading ? t('conv.olderLoading') : t('conv.older')}
            </button>
          </Show>
        </Show>
      </div>
    </Show>
  );
}
