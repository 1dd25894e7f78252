import { Show } from 'solid-js';
import { isBlockedQuery, unblockAddress } from '../../app/people';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';

/** In a blocked contact's chat: why nothing new shows, and the way back. */
export function BlockedBanner(props: { jid: string }) {
  const blocked = createLive(() => {
    const jid = props.jid;
    return () => isBlockedQuery(jid);
  }, false);
  return (
    <Show when={blocked()}>
      <p class="blocked-banner" role="status">
        {t('block.banner')}{' '}
        <button type="button" class="link" onClick={() => void unblockAddress(props.jid)}>
          {t('block.unblock')}
        </button>
      </p>
    </Show>
  );
}
