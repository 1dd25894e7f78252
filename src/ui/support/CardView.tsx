import { For, Show } from 'solid-js';
import type { WidgetKey } from '../../i18n';
import {
  formatMoney,
  type OrderCard,
  type ProductCard,
  type SupportCard,
} from '../../shared/supportCard';

// Drawn by the widget too, which has only the widget's part of the catalog.
type Translate = (key: WidgetKey, params?: Record<string, string | number>) => string;

/**
 * A product or order card (support rooms), for the team in Parley and the shopper in the
 * widget: `t` and `lang` come from whichever face draws it. Every value went through
 * shared/supportCard.ts (http(s) links and images only); all of it is rendered as text.
 */
export function CardView(props: { card: SupportCard; t: Translate; lang: string }) {
  const product = (): ProductCard | null => (props.card.kind === 'product' ? props.card : null);
  const order = (): OrderCard | null => (props.card.kind === 'order' ? props.card : null);
  const title = () => product()?.title ?? props.t('card.order', { id: order()?.id ?? '' });
  const label = () => {
    const p = product();
    return p ? props.t('card.product', { title: p.title }) : title();
  };
  const amount = () => {
    const c = props.card;
    const n = c.kind === 'product' ? c.price : c.total;
    return n !== undefined && c.currency ? formatMoney(n, c.currency, props.lang) : '';
  };
  return (
    <article class={`support-card card-${props.card.kind}`} aria-label={label()}>
      <Show when={product()?.image}>
        {(src) => (
          <img
            class="card-thumb"
            src={src()}
            alt=""
            width="64"
            height="64"
            loading="lazy"
            decoding="async"
            referrerpolicy="no-referrer"
            onError={(e) => {
              e.currentTarget.hidden = true;
            }}
          />
        )}
      </Show>
      <div class="card-main">
        <Show when={props.card.url} fallback={<span class="card-title">{title()}</span>}>
          {(url) => (
            <a class="card-title" href={url()} target="_blank" rel="noopener noreferrer">
              {title()}
              <span class="sr-only"> {props.t('card.newTab')}</span>
            </a>
          )}
        </Show>
        <Show when={order()?.status}>
          {(status) => (
            <span class="card-status">{props.t('card.status', { status: status() })}</span>
          )}
        </Show>
        <Show when={(order()?.items.length ?? 0) > 0}>
          <ul class="card-items">
            <For each={order()?.items ?? []}>
              {(i) => <li>{props.t('card.item', { quantity: i.quantity, title: i.title })}</li>}
            </For>
          </ul>
        </Show>
        <Show when={amount()}>
          <span class="card-price">
            {order() ? props.t('card.total', { amount: amount() }) : amount()}
          </span>
        </Show>
      </div>
    </article>
  );
}
