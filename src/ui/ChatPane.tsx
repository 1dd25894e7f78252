import { createSignal, Show } from 'solid-js';
import { useUploadService } from '../app/files';
import { contactQuery, conversationQuery, displayName } from '../app/queries';
import { occupantQuery, roomDisplayName, roomQuery, splitPrivate } from '../app/rooms';
import { Composer } from './Composer';
import { ChatFrame } from './files/ChatFrame';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { presenceText } from './lib/presenceText';
import { MessageList } from './MessageList';
import { MuteMenu } from './notify/MuteMenu';
import { PresenceDot } from './PresenceDot';

const TYPING_FRESH_MS = 30_000;

/** A one-to-one conversation: with a contact, or private messages with someone in a room. */
export function ChatPane(props: {
  peer: string;
  onBack: () => void;
  /** Text to put in the composer (an xmpp:...?message link); never sent by itself. */
  prefill?: string | undefined;
  onPrefilled?: () => void;
}) {
  const priv = () => splitPrivate(props.peer);
  const contact = createLive(() => {
    const p = props.peer;
    return priv() ? null : () => contactQuery(p);
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
    return contact()?.displayName ?? displayName(undefined, props.peer);
  };
  const status = () => {
    const p = priv();
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
        <PresenceDot show={(priv() ? occupant()?.show : contact()?.show) ?? 'offline'} />
        <div class="chat-title">
          <h2 title={priv() ? undefined : props.peer}>{name()}</h2>
          <p class="status">{status()}</p>
        </div>
        <MuteMenu peer={props.peer} name={name()} room={false} />
      </header>
      <MessageList
        peer={props.peer}
        name={name()}
        historyComplete={conv()?.historyComplete}
        unread={conv()?.unread}
      />
      <p class="typing" aria-live="polite">
        <Show when={typing()}>{typing()}</Show>
      </p>
      <Composer
        peer={props.peer}
        maxFileSize={upload.data?.maxFileSize}
        onFiles={setPicked}
        prefill={props.prefill}
        onPrefilled={props.onPrefilled}
      />
    </ChatFrame>
  );
}
