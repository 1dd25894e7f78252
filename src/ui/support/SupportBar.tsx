import { createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import { loadConfig } from '../../app/config';
import { currentAccount } from '../../app/session';
import {
  claimConversation,
  closeConversation,
  handOverCandidatesQuery,
  prechatQuery,
  supportClaimQuery,
  supportOutcomeQuery,
  verifiedCustomer,
} from '../../app/supportTeam';
import { ConfirmDialog } from '../ConfirmDialog';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';
import { RatingView } from './RatingView';

/**
 * A shopper's room, for the team: who takes care of it, "Claim" while nobody does, and
 * handing it to another agent in the room once it is ours.
 */
export function SupportBar(props: { room: string; nick: string; canSend: boolean }) {
  const claim = createLive(() => supportClaimQuery(props.room), null);
  const details = createLive(() => prechatQuery(props.room), null);
  const others = createLive(() => handOverCandidatesQuery(props.room), []);
  const outcome = createLive(() => supportOutcomeQuery(props.room), null);
  const [config] = createResource(() => loadConfig().catch(() => null));
  const customer = () => verifiedCustomer(details(), config()?.supportCustomerDomain);
  const [confirming, setConfirming] = createSignal(false);
  const [to, setTo] = createSignal('');
  const [error, setError] = createSignal('');
  const selectId = createUniqueId();
  const me = currentAccount() ?? '';
  const mine = () => claim()?.agent === me;
  const status = () => {
    const o = outcome();
    if (o?.closedAt) return t('support.closed');
    const c = claim();
    if (!c) return t('support.waiting');
    return mine() ? t('support.claimedByYou') : t('support.claimedBy', { name: c.name });
  };
  const run = (p: Promise<unknown>) =>
    p.then(
      () => setError(''),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );

  const claimIt = () =>
    run(
      claimConversation(
        props.room,
        { jid: me, name: props.nick },
        t('support.claimBody', { name: props.nick }),
      ),
    );
  const handOver = (e: Event) => {
    e.preventDefault();
    const target = others().find((o) => o.jid === (to() || others()[0]?.jid));
    if (!target?.jid) return;
    void run(
      claimConversation(
        props.room,
        { jid: target.jid, name: target.nick },
        t('support.handedBody', { from: props.nick, to: target.nick }),
      ),
    );
  };

  return (
    <div class="support-bar">
      <Show when={details()}>
        {(d) => (
          <dl class="support-details" aria-label={t('support.details')}>
            <dt>{t('support.shopper')}</dt>
            <dd classList={{ 'support-verified': customer() !== null }}>
              {customer() !== null
                ? t('support.verified', { id: customer() ?? '' })
                : t('support.guest')}
            </dd>
            <For each={(['name', 'email', 'order'] as const).filter((f) => d()[f])}>
              {(f) => (
                <>
                  <dt>{t(`widget.prechat.${f}`)}</dt>
                  <dd>{d()[f]}</dd>
                </>
              )}
            </For>
          </dl>
        )}
      </Show>
      <p role="status">{status()}</p>
      <Show when={outcome()?.rating}>{(r) => <RatingView rating={r()} t={t} />}</Show>
      <Show when={props.canSend && outcome() && !outcome()?.closedAt}>
        <button type="button" onClick={() => setConfirming(true)}>
          {t('support.close')}
        </button>
        <ConfirmDialog
          open={confirming()}
          title={t('support.closeConfirm')}
          text={t('support.closeText')}
          confirm={t('support.close')}
          onConfirm={() =>
            void run(closeConversation(props.room, t('support.closeBody', { name: props.nick })))
          }
          onClose={() => setConfirming(false)}
        />
      </Show>
      <Show when={!claim() && props.canSend}>
        <button type="button" onClick={() => void claimIt()}>
          {t('support.claim')}
        </button>
      </Show>
      <Show when={mine() && props.canSend && others().length > 0}>
        <form onSubmit={handOver}>
          <label for={selectId}>{t('support.handTo')}</label>
          <select id={selectId} value={to()} onChange={(e) => setTo(e.currentTarget.value)}>
            <For each={others()}>{(o) => <option value={o.jid}>{o.nick}</option>}</For>
          </select>
          <button type="submit">{t('support.handOver')}</button>
        </form>
      </Show>
      <Show when={error()}>
        <p role="alert">{error()}</p>
      </Show>
    </div>
  );
}
