import { For, Show } from 'solid-js';
import { toggleReaction } from '../../app/messageActs';
import type { Message } from '../../app/queries';
import { t } from '../lib/i18n';

interface Group {
  emoji: string;
  names: string[];
  mine: boolean;
}

/** Reactions by emoji, in the order first given, with who gave each. */
function groups(m: Message, peerName: string): Group[] {
  const out = new Map<string, Group>();
  for (const r of m.reactions ?? []) {
    const name = r.by === 'me' ? t('acts.you') : (r.name ?? (r.by.includes('@') ? peerName : r.by));
    for (const emoji of r.emojis) {
      const g = out.get(emoji) ?? { emoji, names: [], mine: false };
      g.names.push(name);
      if (r.by === 'me') g.mine = true;
      out.set(emoji, g);
    }
  }
  return [...out.values()];
}

/** The reactions under a message: a count per emoji; pressing one toggles ours. */
export function Reactions(props: { message: Message; peerName: string }) {
  const list = () => groups(props.message, props.peerName);
  return (
    <Show when={list().length > 0}>
      <ul class="reactions" aria-label={t('acts.reactions')}>
        <For each={list()}>
          {(g) => {
            const label = () =>
              t('acts.reactedBy', {
                emoji: g.emoji,
                count: g.names.length,
                names: g.names.join(', '),
              });
            return (
              <li>
                <button
                  type="button"
                  class="reaction"
                  classList={{ mine: g.mine }}
                  aria-pressed={g.mine}
                  aria-label={label()}
                  title={label()}
                  onClick={() => void toggleReaction(props.message.id, g.emoji)}
                >
                  <span aria-hidden="true">{g.emoji}</span>
                  <span aria-hidden="true" class="reaction-count">
                    {g.names.length}
                  </span>
                </button>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
