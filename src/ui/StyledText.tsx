import { For, Match, Show, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Block, Inline, SpanStyle } from './lib/styling';

const TAG: Record<SpanStyle, string> = { strong: 'strong', em: 'em', strike: 's', code: 'code' };

/** A directive character: kept in the text (copying gives back what was sent), dimmed, silent. */
function Mark(props: { mark: string }) {
  return (
    <span class="sd" aria-hidden="true">
      {props.mark}
    </span>
  );
}

export function Inlines(props: { inlines: Inline[] }) {
  return (
    <For each={props.inlines}>
      {(n) => (
        <Switch>
          <Match when={n.kind === 'text' && n}>{(x) => x().text}</Match>
          <Match when={n.kind === 'link' && n}>
            {(x) => (
              <a href={x().href} target="_blank" rel="noopener noreferrer nofollow ugc">
                {x().text}
              </a>
            )}
          </Match>
          <Match when={n.kind === 'span' && n}>
            {(x) => (
              <Dynamic component={TAG[x().style]}>
                <Mark mark={x().mark} />
                <Inlines inlines={x().children} />
                <Mark mark={x().mark} />
              </Dynamic>
            )}
          </Match>
        </Switch>
      )}
    </For>
  );
}

/** XEP-0393 blocks as elements and text nodes: plain lines keep their breaks (pre-wrap). */
export function StyledBlocks(props: { blocks: Block[] }) {
  return (
    <For each={props.blocks}>
      {(b) => (
        <Switch>
          <Match when={b.kind === 'lines' && b}>
            {(x) => (
              <div class="lines">
                <For each={x().lines}>
                  {(line, i) => (
                    <>
                      <Show when={i() > 0}>{'\n'}</Show>
                      <Inlines inlines={line} />
                    </>
                  )}
                </For>
              </div>
            )}
          </Match>
          <Match when={b.kind === 'pre' && b}>{(x) => <pre>{x().text}</pre>}</Match>
          <Match when={b.kind === 'quote' && b}>
            {(x) => (
              <blockquote>
                <StyledBlocks blocks={x().blocks} />
              </blockquote>
            )}
          </Match>
        </Switch>
      )}
    </For>
  );
}
