// What the composer of a conversation is doing besides writing a new message: editing one of
// ours, or replying to one. Set by the message menu (and ArrowUp), read by the composer.
// One signal for the app: only one conversation's composer shows at a time, and the intent
// names its conversation, so another conversation's composer ignores it.
import { createSignal } from 'solid-js';
import type { Message } from '../../app/queries';

export type ComposerIntent = { kind: 'edit' | 'reply'; peer: string; message: Message } | null;

const [intent, setIntent] = createSignal<ComposerIntent>(null);

export { intent };

/** The intent for `peer`'s composer, if any. */
export const intentFor = (peer: string) => {
  const i = intent();
  return i && i.peer === peer ? i : null;
};

export function startEdit(message: Message) {
  setIntent({ kind: 'edit', peer: message.peer, message });
}

export function startReply(message: Message) {
  setIntent({ kind: 'reply', peer: message.peer, message });
}

export function clearIntent() {
  setIntent(null);
}
