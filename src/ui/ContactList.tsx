import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { removeContact } from '../app/commands';
import { type ContactView, contactsQuery } from '../app/queries';
import { AddContact } from './AddContact';
import { ConfirmDialog } from './ConfirmDialog';
import { t } from './lib/i18n';
import { createLiveList } from './lib/live';
import { presenceText } from './lib/presenceText';
import { PresenceDot } from './PresenceDot';
import { Avatar } from './people/Avatar';
import { Requests } from './Requests';
import { Invitations } from './rooms/Invitations';

function groupsOf(rows: ContactView[]): Array<{ name: string; rows: ContactView[] }> {
  const map = new Map<string, ContactView[]>();
  for (const c of rows) {
    const names = c.groups.length ? c.groups : [''];
    for (const g of names) map.set(g, [...(map.get(g) ?? []), c]);
  }
  return [...map.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([name, rows]) => ({ name, rows }));
}

export function ContactList(props: { onSelect: (jid: string) => void }) {
  const list = createLiveList(() => contactsQuery, 'jid');
  const groups = createMemo(() => groupsOf(list.rows));

  const [removing, setRemoving] = createSignal<ContactView | null>(null);

  return (
    <nav class="list" aria-label={t('nav.contacts')}>
      <Requests />
      <AddContact />
      <Invitations onOpen={props.onSelect} />
      <Show when={list.ready() && list.rows.length === 0}>
        <p class="hint">{t('contacts.empty')}</p>
      </Show>
      <For each={groups()}>
        {(g) => (
          <section class="group">
            <h2>{g.name || t('contacts.ungrouped')}</h2>
            <ul>
              <For each={g.rows}>
                {(c) => {
                  // A contact in several groups is listed in each: ids unique per listing.
                  const sub = createUniqueId();
                  return (
                    <li class="contact">
                      <button
                        type="button"
                        class="row"
                        aria-label={c.displayName}
                        aria-describedby={sub}
                        onClick={() => props.onSelect(c.jid)}
                      >
                        <Avatar jid={c.jid} name={c.displayName} />
                        <PresenceDot show={c.show} />
                        <span class="row-main">
                          <span class="name">{c.displayName}</span>
                          <span class="row-sub" id={sub}>
                            <ContactStatus contact={c} />
                          </span>
                        </span>
                      </button>
                      <button
                        type="button"
                        class="icon"
                        aria-label={t('contacts.removeName', { name: c.displayName })}
                        title={t('contacts.remove')}
                        onClick={() => setRemoving(c)}
                      >
                        ✕
                      </button>
                    </li>
                  );
                }}
              </For>
            </ul>
          </section>
        )}
      </For>
      <ConfirmDialog
        open={removing() !== null}
        title={t('contacts.removeConfirm', { name: removing()?.displayName ?? '' })}
        text={t('contacts.removeText', { name: removing()?.displayName ?? '' })}
        confirm={t('contacts.remove')}
        onConfirm={() => {
          const c = removing();
          if (c) void removeContact(c.jid);
        }}
        onClose={() => setRemoving(null)}
      />
    </nav>
  );
}

function ContactStatus(props: { contact: ContactView }) {
  const c = () => props.contact;
  const text = () => {
    if (c().lostSubscriptionAt && c().subscription !== 'to' && c().subscription !== 'both')
      return t('contacts.removedYou');
    if (c().ask === 'subscribe') return t('contacts.pending');
    return presenceText(c().show, c().status);
  };
  return <span class="status">{text()}</span>;
}
