import { createSignal, Show } from 'solid-js';
import {
  type ConversationKind,
  contactQuery,
  conversationQuery,
  displayName,
  TYPING_FRESH_MS,
} from '../app/queries';
import { useUploadService } from '../app/queryClient';
import { occupantQuery, privateOf, roomDisplayName, roomQuery } from '../app/rooms';
import { Composer } from './Composer';
import { ChatFrame } from './files/ChatFrame';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { presenceText } from './lib/presenceText';
import { MessageList } from './MessageList';
import { MuteMenu } from './notify/MuteMenu';
import { PresenceDot } from './PresenceDot';
import { Avatar } from './people/Avatar';
import { BlockedBanner } from './people/BlockedBanner';
import { ContactDetails } from './people/ContactDetails';

/** A one-to-one conversation: with a contact, or private messages with someone in a room. */
export function ChatPane(props: {
  peer: string;
  /** What the conversation is, as stored on it (Shell reads it); undefined until read. */
  kind: ConversationKind | undefined;
  onBack: () => void;
  /** Text to put in the composer (an xmpp:...?message link); never sent by itself. */
  prefill?: string | undefined;
  onPrefilled?: () => void;
  /** Open at this message (a search result). */
  anchor?: string | undefined;
}) {
  const priv = () => privateOf(props.kind, props.peer);
  const contact = createLive(() => {
    const p = props.peer;
    return props.kind === 'contact' ? () => contactQuery(p) : null;
  }, undefined);
  const room = createLive(() => {
    const p = priv();
    return p ? roomQuery(p.room) : null;
  }, undefined);
  const occupant = createLive(() => {
    const p = priv();
    return p ? occupantQuery(p.room, p.nick) : null;
  }, undefined);
  const conv = createLive(() => {
    const p = props.peer;
    return () => conversationQuery(p);
  }, undefined);
  const roomName = () => {
    const p = priv();
    return p ? roomDisplayName(room(), p.room) : '';
  };
  const name = () => {
    const p = priv();
    if (p) return t('room.privateName', { nick: p.nick, room: roomName() });
    // Not known yet what it is: no name guessed from the address meanwhile.
    if (props.kind === undefined) return '';
    return contact()?.displayName ?? displayName(undefined, props.peer);
  };
  const status = () => {
    const p = priv();
    if (props.kind === undefined) return '';
    if (!p) {
      const c = contact();
      return c ? presenceText(c.show, c.status) : props.peer;
    }
    return occupant()
      ? t('private.in', { room: roomName() })
      : t('private.gone', { nick: p.nick, room: roomName() });
  };
  const typing = () => {
    const c = conv();
    if (!c?.peerState || !c.peerStateAt || Date.now() - c.peerStateAt > TYPING_FRESH_MS) return '';
    if (c.peerState === 'composing') return t('chat.typing', { name: priv()?.nick ?? name() });
    return '';
  };

  const upload = useUploadService();
  const [picked, setPicked] = createSignal<File[]>([]);

  return (
    <ChatFrame peer={props.peer} name={name()} picked={picked()} onPick={setPicked}>
      <header class="chat-head">
        <button
          type="button"
          class="icon back"
          aria-label={t('nav.back')}
          onClick={() => props.onBack()}
        >
          ‹
        </button>
        <Show when={!priv()}>
          <Avatar jid={props.peer} name={name()} />
        </Show>
        <PresenceDot show={(priv() ? occupant()?.show : contact()?.show) ?? 'offline'} />
        <div class="chat-title">
          <h2 title={priv() ? undefined : props.peer}>{name()}</h2>
          <p class="status">{status()}</p>
        </div>
        <Show when={!priv()}>
          <ContactDetails jid={props.peer} name={name()} />
        </Show>
        <MuteMenu peer={props.peer} name={name()} room={false} />
      </header>
      <Show when={!priv()}>
        <BlockedBanner jid={props.peer} />
      </Show>
      <MessageList peer={props.peer} name={name()} unread={conv()?.unread} anchor={props.anchor} />
      <p class="typing" aria-live="polite">
        <Show when={typing()}>{typing()}</Show>
      </p>
      <Composer
        peer={props.peer}
        name={name()}
        maxFileSize={upload.data?.maxFileSize}
        onFiles={setPicked}
        prefill={props.prefill}
        onPrefilled={props.onPrefilled}
      />
    </ChatFrame>
  );
}
