import { createSignal, Show } from 'solid-js';
import { useUploadService } from '../app/files';
import { contactQuery, conversationQuery, displayName } from '../app/queries';
import { Composer } from './Composer';
import { SendFiles } from './files/SendFiles';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { MessageList } from './MessageList';
import { PresenceDot } from './PresenceDot';

const TYPING_FRESH_MS = 30_000;

export function ChatPane(props: { peer: string; onBack: () => void }) {
  const contact = createLive(() => {
    const p = props.peer;
    return () => contactQuery(p);
  }, undefined);
  const conv = createLive(() => {
    const p = props.peer;
    return () => conversationQuery(p);
  }, undefined);
  const name = () => contact()?.displayName ?? displayName(undefined, props.peer);
  const typing = () => {
    const c = conv();
    if (!c?.peerState || !c.peerStateAt || Date.now() - c.peerStateAt > TYPING_FRESH_MS) return '';
    if (c.peerState === 'composing') return t('chat.typing', { name: name() });
    return '';
  };

  const upload = useUploadService();
  const maxFileSize = () => upload.data?.maxFileSize;
  const [picked, setPicked] = createSignal<File[]>([]);
  const [dragging, setDragging] = createSignal(false);
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

  return (
    <section
      class="chat"
      aria-label={name()}
      classList={{ dragging: dragging() }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.relatedTarget) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length) setPicked(files);
      }}
    >
      <Show when={dragging()}>
        <div class="drop-hint" aria-hidden="true">
          {t('file.drop', { name: name() })}
        </div>
      </Show>
      <Show when={picked().length > 0}>
        <SendFiles
          files={picked()}
          peer={props.peer}
          peerName={name()}
          maxFileSize={maxFileSize()}
          noService={upload.isSuccess && upload.data === null}
          onDone={() => setPicked([])}
        />
      </Show>
      <header class="chat-head">
        <button
          type="button"
          class="icon back"
          aria-label={t('nav.back')}
          onClick={() => props.onBack()}
        >
          ‹
        </button>
        <PresenceDot show={contact()?.show ?? 'offline'} />
        <div class="chat-title">
          <h2>{name()}</h2>
          <p class="status">{contact()?.status ?? props.peer}</p>
        </div>
      </header>
      <MessageList peer={props.peer} name={name()} />
      <p class="typing" aria-live="polite">
        <Show when={typing()}>{typing()}</Show>
      </p>
      <Composer peer={props.peer} maxFileSize={maxFileSize()} onFiles={setPicked} />
    </section>
  );
}
