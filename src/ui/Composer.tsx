import { createEffect, createSignal, createUniqueId, lazy, on, onCleanup, Show } from 'solid-js';
import { CommandError, sendMessage, setTyping } from '../app/commands';
import { createDraftKeeper, saveDraft } from '../app/drafts';
import { editMessage, lastEditable, replyRef } from '../app/messageActs';
import { ComposerBar } from './actions/ComposerBar';
import { clearIntent, intentFor, startEdit } from './actions/intent';
import { jumpToNewest } from './actions/jump';
import { ErrorLine } from './ErrorLine';
import { errorText } from './errors';
import { FilePicker } from './files/FilePicker';
import { recordingType } from './files/recording';
import { t } from './lib/i18n';
import { MicIcon } from './lib/icons';
import { createNickCompletion } from './rooms/NickCompletion';

const VoiceRecorder = lazy(() =>
  import('./files/VoiceRecorder').then((m) => ({ default: m.VoiceRecorder })),
);

const PAUSE_AFTER_MS = 5000;

export function Composer(props: {
  peer: string;
  /** The conversation's name, for "Replying to …". */
  name?: string;
  maxFileSize: number | undefined;
  onFiles: (files: File[]) => void;
  /** Rooms: the nicks @-completion offers. */
  nicks?: readonly string[];
  /** Why the person cannot write here now (e.g. not in the room); empty when they can. */
  blocked?: string;
  /** Tell the peer when we type (XEP-0085); default true. */
  typing?: boolean;
  /** Text to put in the box (an xmpp:...?message link), after what is there; never sent here. */
  prefill?: string | undefined;
  onPrefilled?: (() => void) | undefined;
}) {
  let box: HTMLTextAreaElement | undefined;
  const [recording, setRecording] = createSignal(false);
  const canRecord = recordingType() !== undefined;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;
  const [error, setError] = createSignal('');
  onCleanup(() => clearTimeout(pauseTimer));
  const nicks = createNickCompletion({ box: () => box, nicks: () => props.nicks ?? [] });
  const blockedId = createUniqueId();
  // Each conversation keeps its own draft: switching saves this one's text and shows the next
  // one's, so text never moves from one conversation to another (issue 13, bug 1).
  const draftError = (err: unknown) => {
    console.error('[parley] draft not saved', err);
    setError(errorText(err));
  };
  const drafts = createDraftKeeper({ text: () => box?.value ?? '', onError: draftError });
  createEffect(
    on(
      () => props.peer,
      (peer, before) => {
        // The conversation left behind hears that we stopped typing there.
        if (pauseTimer !== undefined && before !== undefined) void setTyping(before, 'paused');
        clearTimeout(pauseTimer);
        pauseTimer = undefined;
        nicks.close();
        setError('');
        prefilled = '';
        drafts.open(peer, (text) => {
          // Typed meanwhile: the person's text wins. Put there by a link: the draft goes first.
          if (!box || (box.value && box.value !== prefilled)) return false;
          box.value = prefilled ? `${text}\n${prefilled}` : text;
          if (prefilled) drafts.changed();
          prefilled = '';
          return true;
        });
        if (box) box.value = '';
      },
    ),
  );
  // Editing a message of ours or replying (the message menu, ArrowUp): the box shows the text
  // to edit; what was typed before comes back when the edit ends.
  const current = () => intentFor(props.peer);
  let beforeEdit: string | null = null;
  createEffect(
    on(current, (now, before) => {
      if (!box) return;
      if (before?.kind === 'edit' && beforeEdit !== null && now?.kind !== 'edit') {
        box.value = beforeEdit;
        beforeEdit = null;
      }
      if (now?.kind === 'edit') {
        beforeEdit ??= box.value;
        box.value = now.message.body;
      }
      if (now) {
        box.focus();
        box.setSelectionRange(box.value.length, box.value.length);
      }
    }),
  );
  // Another conversation opened: an edit or reply begun here ends.
  createEffect(
    on(
      () => props.peer,
      () => clearIntent(),
      { defer: true },
    ),
  );
  onCleanup(() => clearIntent());

  // Text from an xmpp:?message link: put in the box (never sent), kept as the draft.
  let prefilled = '';
  createEffect(() => {
    const text = props.prefill;
    if (!text || !box) return;
    box.value = box.value ? `${box.value}\n${text}` : text;
    prefilled = box.value;
    drafts.changed();
    props.onPrefilled?.();
  });
  // Leaving the page (a reload, a closed tab, a phone putting it away) saves at once.
  const hidden = () => {
    if (document.visibilityState === 'hidden') drafts.flush();
  };
  const pagehide = () => drafts.leave();
  const pageshow = () => drafts.stay();
  document.addEventListener('visibilitychange', hidden);
  window.addEventListener('pagehide', pagehide);
  window.addEventListener('pageshow', pageshow);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', hidden);
    window.removeEventListener('pagehide', pagehide);
    window.removeEventListener('pageshow', pageshow);
    drafts.stop();
  });

  function typed() {
    setError('');
    drafts.changed();
    nicks.update();
    if (props.typing === false || !box) return;
    const peer = props.peer;
    clearTimeout(pauseTimer);
    pauseTimer = undefined;
    if (!box.value.trim()) {
      void setTyping(peer, 'active');
      return;
    }
    void setTyping(peer, 'composing');
    pauseTimer = setTimeout(() => {
      pauseTimer = undefined;
      void setTyping(peer, 'paused');
    }, PAUSE_AFTER_MS);
  }

  async function saveEdit(id: string, text: string) {
    if (!box) return;
    const field = box;
    beforeEdit = null;
    clearIntent();
    field.value = '';
    drafts.sent();
    try {
      await editMessage(id, text);
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function send() {
    if (!box || props.blocked) return;
    const text = box.value;
    if (!text.trim()) return;
    const doing = current();
    if (doing?.kind === 'edit') return saveEdit(doing.message.id, text);
    const replyTo = doing?.kind === 'reply' ? await replyRef(doing.message) : undefined;
    if (doing) clearIntent();
    // The message shows in the conversation at once: the box empties with it, and gets the
    // text back should it not be queued (unless something new was typed meanwhile).
    const field = box;
    const peer = props.peer;
    const sending = sendMessage(peer, text, replyTo ? { replyTo } : {});
    jumpToNewest(peer);
    field.value = '';
    drafts.sent();
    nicks.close();
    clearTimeout(pauseTimer);
    pauseTimer = undefined;
    field.focus();
    try {
      await sending;
      if (props.typing !== false) void setTyping(peer, 'active');
    } catch (err) {
      setError(errorText(err));
      if (err instanceof CommandError && err.code === 'sent-not-saved') return;
      // Not queued: the text comes back as its own conversation's draft, never into another's
      // box, and not over something typed since.
      if (props.peer !== peer) saveDraft(peer, text).catch(draftError);
      else if (!field.value) {
        field.value = text;
        drafts.changed();
      }
    }
  }

  function keydown(e: KeyboardEvent) {
    if (nicks.keydown(e)) return;
    if (e.key === 'Escape' && current()) {
      e.preventDefault();
      clearIntent();
      return;
    }
    // ArrowUp in an empty box edits our last message, as in most chat apps. Not with a modifier:
    // Alt+Up moves to the previous conversation (ui/Shortcuts.tsx).
    const plain = !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
    if (e.key === 'ArrowUp' && plain && box && !box.value && !current() && !e.isComposing) {
      e.preventDefault();
      const peer = props.peer;
      void lastEditable(peer).then((m) => {
        if (m && props.peer === peer && box && !box.value) startEdit(m);
      });
      return;
    }
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME candidate is not a send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void send();
    }
  }

  function paste(e: ClipboardEvent) {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    props.onFiles(files);
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <ErrorLine text={error()} />
      <Show when={props.blocked}>
        <p class="composer-blocked" id={blockedId}>
          {props.blocked}
        </p>
      </Show>
      <ComposerBar intent={current()} peerName={props.name ?? ''} onCancel={clearIntent} />
      <nicks.List />
      <Show
        when={recording()}
        fallback={
          <>
            <FilePicker
              label={t('file.attach')}
              title={t('file.attach')}
              disabled={Boolean(props.blocked)}
              onFiles={props.onFiles}
            />
            <textarea
              ref={(el) => {
                // Back from recording a voice message: a new box, with what the old one held.
                if (box && box !== el) el.value = box.value;
                box = el;
              }}
              rows="1"
              aria-label={t('chat.message')}
              placeholder={t('chat.placeholder')}
              onInput={typed}
              onKeyDown={keydown}
              onKeyUp={(e) => {
                if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End')
                  nicks.update();
              }}
              onClick={() => nicks.update()}
              onBlur={() => nicks.close()}
              onPaste={paste}
              maxLength={10000}
              disabled={Boolean(props.blocked)}
              aria-describedby={props.blocked ? blockedId : undefined}
              aria-autocomplete={props.nicks ? 'list' : undefined}
              aria-controls={nicks.listId()}
              aria-activedescendant={nicks.activeId()}
            />
            <Show when={canRecord}>
              <button
                type="button"
                class="icon mic"
                aria-label={t('voice.record')}
                title={t('voice.record')}
                disabled={Boolean(props.blocked)}
                onClick={() => {
                  setError('');
                  setRecording(true);
                }}
              >
                <MicIcon />
              </button>
            </Show>
            <button type="submit" class="primary" disabled={Boolean(props.blocked)}>
              {current()?.kind === 'edit' ? t('acts.save') : t('chat.send')}
            </button>
          </>
        }
      >
        <VoiceRecorder
          peer={props.peer}
          maxFileSize={props.maxFileSize}
          onDone={(err) => {
            setRecording(false);
            if (err) setError(err);
          }}
        />
      </Show>
    </form>
  );
}
