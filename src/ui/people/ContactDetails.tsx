import { useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import {
  blockAddress,
  contactDetailsQuery,
  MAX_CONTACT_NAME,
  renameContact,
  sharedWithQuery,
  unblockAddress,
} from '../../app/people';
import { engineCall } from '../../app/session';
import { ConfirmDialog } from '../ConfirmDialog';
import { AttachmentView } from '../files/AttachmentView';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';
import { presenceText } from '../lib/presenceText';
import { roomPath } from '../lib/routes';
import { Avatar } from './Avatar';
import { ContactGroups } from './ContactGroups';

/**
 * A contact's details: picture, address, devices online, shared media and files, rooms in
 * common, rename, groups, block. Opened from the header.
 */
export function ContactDetails(props: { jid: string; name: string }) {
  let dialog!: HTMLDialogElement;
  const details = createLive(() => {
    const jid = props.jid;
    return () => contactDetailsQuery(jid);
  }, undefined);
  // Read only while the dialog is open: the chat's files are not the header's business.
  const [open, setOpen] = createSignal(false);
  const shared = createLive(() => {
    const jid = props.jid;
    return open() ? sharedWithQuery(jid) : null;
  }, undefined);
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [confirmBlock, setConfirmBlock] = createSignal(false);
  // Asked when the block is: a server that takes reports (XEP-0377) gets the choice offered.
  const [canReport] = createResource(confirmBlock, (open) =>
    open ? engineCall('canReport').catch(() => false) : false,
  );
  let report: HTMLInputElement | undefined;
  createEffect(() => {
    if (!dialog.open) setName(details()?.contact?.name ?? '');
  });

  return (
    <>
      <button
        type="button"
        class="icon"
        aria-label={t('details.open', { name: props.name })}
        title={t('details.title')}
        onClick={() => {
          setName(details()?.contact?.name ?? '');
          setOpen(true);
          dialog.showModal();
        }}
      >
        ⓘ
      </button>
      <dialog
        ref={dialog}
        class="contact-details"
        aria-labelledby="details-title"
        onClose={() => setOpen(false)}
      >
        <div class="details-head">
          <Avatar jid={props.jid} name={props.name} size={72} />
          <div>
            <h2 id="details-title">{props.name}</h2>
            <p class="jid">{props.jid}</p>
            <Show when={details()?.nick}>
              {(n) => <p class="hint">{t('details.nick', { nick: n() })}</p>}
            </Show>
          </div>
        </div>
        <h3>{t('details.devices')}</h3>
        <Show
          when={(details()?.devices.length ?? 0) > 0}
          fallback={<p class="hint">{t('details.noDevices')}</p>}
        >
          <ul class="devices">
            <For each={details()?.devices}>
              {(d) => (
                <li>
                  {d.resource || '—'}: {presenceText(d.show, d.status)}
                </li>
              )}
            </For>
          </ul>
        </Show>
        <section aria-labelledby="details-media">
          <h3 id="details-media">{t('details.media')}</h3>
          <Show
            when={(shared()?.media.length ?? 0) > 0}
            fallback={<p class="hint">{t('details.noMedia')}</p>}
          >
            <ul class="shared-media">
              <For each={shared()?.media}>
                {(m) => (
                  <li>
                    <AttachmentView message={m} senderName={props.name} tile={88} />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
        <Show when={(shared()?.files.length ?? 0) > 0}>
          <section aria-labelledby="details-files">
            <h3 id="details-files">{t('details.files')}</h3>
            <ul class="shared-files">
              <For each={shared()?.files}>
                {(m) => (
                  <li>
                    <AttachmentView message={m} senderName={props.name} />
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
        <Show when={(shared()?.rooms.length ?? 0) > 0}>
          <section aria-labelledby="details-rooms">
            <h3 id="details-rooms">{t('details.rooms')}</h3>
            <ul class="shared-rooms">
              <For each={shared()?.rooms}>
                {(r) => (
                  <li>
                    <button
                      type="button"
                      class="link"
                      onClick={() => {
                        dialog.close();
                        navigate(roomPath(r.jid));
                      }}
                    >
                      {r.name}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
        <Show when={details()?.contact}>
          <form
            class="rename"
            onSubmit={(e) => {
              e.preventDefault();
              void renameContact(props.jid, name());
            }}
          >
            <label>
              {t('details.name')}
              <input
                type="text"
                maxLength={MAX_CONTACT_NAME}
                value={name()}
                placeholder={details()?.nick ?? props.jid.split('@')[0]}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </label>
            <button type="submit">{t('details.rename')}</button>
          </form>
        </Show>
        <Show when={details()?.contact}>
          {(c) => <ContactGroups jid={props.jid} groups={c().groups} />}
        </Show>
        <div class="actions">
          <Show
            when={details()?.blocked}
            fallback={
              <button type="button" class="danger" onClick={() => setConfirmBlock(true)}>
                {t('block.block')}
              </button>
            }
          >
            <button type="button" onClick={() => void unblockAddress(props.jid)}>
              {t('block.unblock')}
            </button>
          </Show>
          <button type="button" class="primary" onClick={() => dialog.close()}>
            {t('common.close')}
          </button>
        </div>
      </dialog>
      <ConfirmDialog
        open={confirmBlock()}
        title={t('block.confirm', { name: props.name })}
        text={t('block.confirmText')}
        confirm={t('block.block')}
        onConfirm={() => void blockAddress(props.jid, report?.checked ? 'spam' : undefined)}
        onClose={() => setConfirmBlock(false)}
      >
        <Show when={canReport()}>
          <label class="check">
            <input ref={report} type="checkbox" />
            {t('block.report')}
          </label>
        </Show>
      </ConfirmDialog>
    </>
  );
}
