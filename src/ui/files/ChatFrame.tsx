import { createSignal, type JSX, lazy, Show } from 'solid-js';
import { useUploadService } from '../../app/queryClient';
import { t } from '../lib/i18n';

// The send dialog (image resizing and all) loads the first time files are picked.
const SendFiles = lazy(() => import('./SendFiles').then((m) => ({ default: m.SendFiles })));

/**
 * A conversation's frame: files dropped anywhere on it (or handed in by the composer) go to
 * the send dialog for `peer`.
 */
export function ChatFrame(props: {
  peer: string;
  name: string;
  class?: string;
  picked: File[];
  onPick: (files: File[]) => void;
  children: JSX.Element;
}) {
  const upload = useUploadService();
  const [dragging, setDragging] = createSignal(false);
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

  return (
    <section
      class={props.class ? `chat ${props.class}` : 'chat'}
      aria-label={props.name}
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
        if (files.length) props.onPick(files);
      }}
    >
      <Show when={dragging()}>
        <div class="drop-hint" aria-hidden="true">
          {t('file.drop', { name: props.name })}
        </div>
      </Show>
      <Show when={props.picked.length > 0}>
        <SendFiles
          files={props.picked}
          peer={props.peer}
          peerName={props.name}
          maxFileSize={upload.data?.maxFileSize}
          noService={upload.isSuccess && upload.data === null}
          onDone={() => props.onPick([])}
        />
      </Show>
      {props.children}
    </section>
  );
}
