import { For } from 'solid-js';
import type { Ranges } from '../../app/search';

/** Cut text into plain and matched pieces; each piece is rendered as a text node. */
export function pieces(text: string, ranges: Ranges): Array<{ text: string; hit: boolean }> {
  const out: Array<{ text: string; hit: boolean }> = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a > at) out.push({ text: text.slice(at, a), hit: false });
    if (b > a) out.push({ text: text.slice(a, b), hit: true });
    at = Math.max(at, b);
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/** Text with what the search matched marked; never HTML. */
export function Highlighted(props: { text: string; ranges: Ranges }) {
  return (
    <For each={pieces(props.text, props.ranges)}>
      {(p) => (p.hit ? <mark>{p.text}</mark> : p.text)}
    </For>
  );
}
