import { createVirtualizer } from '@tanstack/solid-virtual';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Occupant } from '../../app/rooms';
import { t } from '../lib/i18n';
import { presenceText } from '../lib/presenceText';
import { PresenceDot } from '../PresenceDot';
import { GROUP_KEY, occupantLabel } from './occupantLabel';

const ROW_PX = 44;
const HEAD_PX = 30;

type Item = { kind: 'head'; label: string; n: number } | { kind: 'person'; o: Occupant };

/** Group headings before each run of one role (the list comes sorted moderators first). */
function itemsOf(rows: readonly Occupant[]): Item[] {
  const items: Item[] = [];
  let group = '';
  let head: Extract<Item, { kind: 'head' }> | undefined;
  for (const o of rows) {
    const g = GROUP_KEY[o.role];
    if (g !== group) {
      group = g;
      head = { kind: 'head', label: t(g), n: 0 };
      items.push(head);
    }
    if (head) head.n++;
    items.push({ kind: 'person', o });
  }
  return items;
}

/**
 * Who is in the room, moderators first. Only the rows in view are in the DOM, so a room of
 * thousands scrolls as smoothly as one of ten.
 */
export function OccupantPanel(props: {
  id: string;
  occupants: readonly Occupant[];
  me: string; // our nick
  onPick: (o: Occupant) => void;
  onClose: () => void;
}) {
  let scroller!: HTMLDivElement;
  const [filter, setFilter] = createSignal('');
  const items = createMemo(() => {
    const f = filter().trim().toLowerCase();
    return itemsOf(
      f ? props.occupants.filter((o) => o.nick.toLowerCase().includes(f)) : props.occupants,
    );
  });
  const virtual = createVirtualizer({
    get count() {
      return items().length;
    },
    getScrollElement: () => scroller,
    estimateSize: (i) => (items()[i]?.kind === 'head' ? HEAD_PX : ROW_PX),
    overscan: 8,
  });

  return (
    <aside
      class="occupants"
      id={props.id}
      aria-label={t('occ.title', { n: props.occupants.length })}
    >
      <header class="occupants-head">
        <h3>{t('occ.title', { n: props.occupants.length })}</h3>
        <button
          type="button"
          class="icon"
          aria-label={t('occ.close')}
          title={t('occ.close')}
          onClick={() => props.onClose()}
        >
          ✕
        </button>
      </header>
      <Show when={props.occupants.length > 10}>
        <input
          class="occupants-filter"
          type="search"
          aria-label={t('occ.filter')}
          placeholder={t('occ.filter')}
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      </Show>
      <Show when={props.occupants.length === 0}>
        <p class="hint">{t('occ.empty')}</p>
      </Show>
      <div class="occupants-scroll" ref={scroller}>
        <ul class="occupants-list" style={{ height: `${virtual.getTotalSize()}px` }}>
          <For each={virtual.getVirtualItems()}>
            {(v) => (
              <li
                class="occupant-slot"
                aria-setsize={items().length}
                aria-posinset={v.index + 1}
                style={{ transform: `translateY(${v.start}px)`, height: `${v.size}px` }}
              >
                <OccupantItem item={items()[v.index]} me={props.me} onPick={props.onPick} />
              </li>
            )}
          </For>
        </ul>
      </div>
    </aside>
  );
}

function OccupantItem(props: {
  item: Item | undefined;
  me: string;
  onPick: (o: Occupant) => void;
}) {
  const head = () => (props.item?.kind === 'head' ? props.item : undefined);
  const person = () => (props.item?.kind === 'person' ? props.item.o : undefined);
  return (
    <>
      <Show when={head()}>
        {(h) => (
          <h4 class="occupants-group">
            {h().label} · {h().n}
          </h4>
        )}
      </Show>
      <Show when={person()}>
        {(o) => {
          const label = () => occupantLabel(o());
          const state = () => presenceText(o().show, o().status);
          const content = () => (
            <>
              <PresenceDot show={o().show} />
              <span class="occupant-main">
                <span class="occupant-nick">
                  {o().nick === props.me ? t('occ.you', { nick: o().nick }) : o().nick}
                </span>
                <span class="occupant-status">{state()}</span>
              </span>
              <span class="occupant-role">{label()}</span>
            </>
          );
          return (
            <Show when={o().nick !== props.me} fallback={<div class="occupant">{content()}</div>}>
              <button
                type="button"
                class="occupant"
                aria-label={[o().nick, state(), label()].filter(Boolean).join(', ')}
                onClick={() => props.onPick(o())}
              >
                {content()}
              </button>
            </Show>
          );
        }}
      </Show>
    </>
  );
}
