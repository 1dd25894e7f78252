import { Show } from 'solid-js';
import { t } from '../lib/i18n';
import type { ComposerIntent } from './intent';
import { authorName, snippetOf } from './ReplyQuote';

/** Above the composer while it edits a message of ours or replies to one: what, and cancel. */
export function ComposerBar(props: {
  intent: ComposerIntent;
  peerName: string;
  onCancel: () => void;
}) {
  return (
    <Show when={props.intent}>
      {(i) => (
        <div class="composer-bar" role="status">
          <div class="composer-bar-text">
            <strong>
              {i().kind === 'edit'
                ? t('acts.editing')
                : t('acts.replyingTo', { name: authorName(i().message, props.peerName) })}
            </strong>
            <span class="composer-bar-snippet">{snippetOf(i().message)}</span>
          </div>
          <button
            type="button"
            class="link"
            aria-label={i().kind === 'edit' ? t('acts.cancelEdit') : t('acts.cancelReply')}
            title={i().kind === 'edit' ? t('acts.cancelEdit') : t('acts.cancelReply')}
            onClick={() => props.onCancel()}
          >
            {t('common.cancel')}
          </button>
        </div>
      )}
    </Show>
  );
}
