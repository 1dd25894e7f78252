import { createMemo, Show } from 'solid-js';
import { consistentColour } from '../../shared/colour';
import { createBlobUrl } from '../lib/blobUrl';
import { sharedLooks } from './looks';

/** One or two letters for a name: the first of its first and last words. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._@-]+/u)
    .filter(Boolean);
  const first = [...(words[0] ?? '?')][0] ?? '?';
  const last = words.length > 1 ? ([...(words[words.length - 1] ?? '')][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * Someone's picture (XEP-0084), or their initials on their XEP-0392 colour. Decorative: the
 * name beside it says who it is. `jid` null (a room occupant whose address is hidden) paints
 * by `colourKey` alone.
 */
export function Avatar(props: {
  jid: string | null;
  name: string;
  colourKey?: string;
  size?: number;
}) {
  const looks = sharedLooks();
  // A memo: the picture's URL is made again only when this person's picture changes.
  const picture = createMemo(() => (props.jid ? looks().get(props.jid)?.picture : undefined));
  const url = createBlobUrl(() => picture() ?? undefined);
  const size = () => `${props.size ?? 36}px`;
  const colour = createMemo(() => consistentColour(props.colourKey ?? props.jid ?? props.name, 40));
  return (
    <span class="avatar" aria-hidden="true" style={{ width: size(), height: size() }}>
      <Show
        when={url()}
        fallback={
          <span class="avatar-initials" style={{ 'background-color': colour() }}>
            {initials(props.name)}
          </span>
        }
      >
        {(src) => <img src={src()} alt="" draggable={false} />}
      </Show>
    </span>
  );
}
