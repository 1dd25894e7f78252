import { createMemo, createSignal, createUniqueId, Show } from 'solid-js';
import { conversationQuery, typingNow } from '../../app/queries';
import { useUploadService } from '../../app/queryClient';
import {
  changeNick,
  leaveRoom,
  type Occupant,
  occupantsQuery,
  roomDisplayName,
  roomQuery,
  setRoomSubject,
} from '../../app/rooms';
import { isSupportRoom } from '../../app/supportTeam';
import { Composer } from '../Composer';
import { ConfirmDialog } from '../ConfirmDialog';
import { ChatFrame } from '../files/ChatFrame';
import { t } from '../lib/i18n';
import { createLive, createLiveList } from '../lib/live';
import { MessageList } from '../MessageList';
import { SupportBar } from '../support/SupportBar';
import { InviteDialog } from './InviteDialog';
import { OccupantDialog } from './OccupantDialog';
import { OccupantPanel } from './OccupantPanel';
import { PromptDialog } from './PromptDialog';
import { RoomBanner } from './RoomBanner';
import { type RoomAction, RoomHeader } from './RoomHeader';

const WIDE = '(min-width: 1100px)';

/** A group chat: its header, status, messages, composer, and who is in it. */
export function RoomPane(props: {
  room: string;
  onBack: () => void;
  onOpen: (peer: string) => void;
  /** Open at this message (a search result). */
  anchor?: string | undefined;
}) {
  const room = createLive(() => roomQuery(props.room), undefined);
  const conv = createLive(() => {
    const r = props.room;
    return () => conversationQuery(r);
  }, undefined);
  const occupants = createLiveList(() => occupantsQuery(props.room), 'nick');
  const name = () => roomDisplayName(room(), props.room);
  const peopleId = createUniqueId();
  const [people, setPeople] = createSignal(globalThis.matchMedia?.(WIDE).matches ?? false);
  const [dialog, setDialog] = createSignal<RoomAction | null>(null);
  const [picked, setPicked] = createSignal<File[]>([]);
  const [person, setPerson] = createSignal<Occupant | null>(null);
  const upload = useUploadService();
  /** Who is typing in the room (not us: the engine leaves our own states out). */
  const typing = () => {
    const names = typingNow(conv());
    const [a = '', b = ''] = names;
    if (names.length === 0) return '';
    if (names.length === 1) return t('chat.typing', { name: a });
    if (names.length === 2) return t('room.typingTwo', { a, b });
    return t('room.typingMany', { n: names.length });
  };

  const nicks = createMemo(() => {
    const me = room()?.nick;
    return occupants.rows.map((o) => o.nick).filter((n) => n !== me);
  });
  const present = createMemo(() => new Set(occupants.rows.flatMap((o) => (o.jid ? [o.jid] : []))));
  const blocked = () => {
    const r = room();
    if (!r) return t('room.blocked.joining');
    // Joining (the first time, or again after a reload or a dropped link): what is written
    // waits in the outbox, with its clock, and goes once we are in; it fails, to be sent again,
    // if the room will not have us (engine/roomState.ts).
    if (r.status === 'joining') return '';
    if (r.status !== 'joined') return t('room.blocked.out');
    if (r.role === 'visitor') return t('room.blocked.visitor');
    return '';
  };

  function act(action: RoomAction) {
    setDialog(action);
  }

  return (
    <ChatFrame
      peer={props.room}
      name={name()}
      class="room-chat"
      picked={picked()}
      onPick={setPicked}
    >
      <RoomHeader
        room={room()}
        jid={props.room}
        name={name()}
        count={occupants.rows.length}
        peopleOpen={people()}
        peopleId={peopleId}
        onBack={props.onBack}
        onPeople={() => setPeople(!people())}
        onAction={act}
      />
      <div class="room-body">
        <div class="room-main">
          <Show when={room()}>{(r) => <RoomBanner room={r()} />}</Show>
          <Show when={isSupportRoom(props.room) && room()}>
            {(r) => (
              <SupportBar
                room={props.room}
                nick={r().nick}
                canSend={r().status === 'joined' && !blocked()}
              />
            )}
          </Show>
          <MessageList
            peer={props.room}
            name={name()}
            unread={conv()?.unread}
            selfName={room()?.nick}
            anchor={props.anchor}
          />
          <p class="typing" aria-live="polite">
            <Show when={typing()}>{typing()}</Show>
          </p>
          <Composer
            peer={props.room}
            maxFileSize={upload.data?.maxFileSize}
            onFiles={setPicked}
            nicks={nicks()}
            blocked={blocked()}
          />
        </div>
        <Show when={people()}>
          <OccupantPanel
            id={peopleId}
            occupants={occupants.rows}
            me={room()?.nick ?? ''}
            onPick={setPerson}
            onClose={() => setPeople(false)}
          />
        </Show>
      </div>
      <OccupantDialog
        occupant={person()}
        me={room()}
        onPrivate={(o) => {
          setPerson(null);
          props.onOpen(`${o.room}/${o.nick}`);
        }}
        onClose={() => setPerson(null)}
      />
      <InviteDialog
        open={dialog() === 'invite'}
        room={props.room}
        roomName={name()}
        present={present()}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog() === 'leave'}
        title={t('room.leaveTitle', { room: name() })}
        text={t('room.leaveText')}
        confirm={t('room.leaveConfirm')}
        onConfirm={() => void leaveRoom(props.room)}
        onClose={() => setDialog(null)}
      />
      <PromptDialog
        open={dialog() === 'nick'}
        title={t('room.nickTitle', { room: name() })}
        label={t('room.nickLabel')}
        submit={t('room.nickSave')}
        value={room()?.nick ?? ''}
        maxLength={64}
        required
        onSubmit={(nick) => changeNick(props.room, nick)}
        onClose={() => setDialog(null)}
      />
      <PromptDialog
        open={dialog() === 'subject'}
        title={t('room.subjectTitle')}
        label={t('room.subjectLabel')}
        submit={t('room.subjectSave')}
        value={room()?.subject ?? ''}
        onSubmit={(subject) => setRoomSubject(props.room, subject)}
        onClose={() => setDialog(null)}
      />
    </ChatFrame>
  );
}
