import { Show } from 'solid-js';
import type { WidgetKey } from '../../i18n';

// Drawn by the widget too, which has only the widget's part of the catalog.
type Translate = (key: WidgetKey, params?: Record<string, string | number>) => string;

/** A shopper's rating as stars (named for screen readers) and their comment, as text. */
export function RatingView(props: { rating: { stars: number; comment?: string }; t: Translate }) {
  const stars = () => Math.min(5, Math.max(1, Math.round(props.rating.stars)));
  return (
    <div class="rating">
      <span class="rating-stars" aria-hidden="true">
        {'★'.repeat(stars())}
        {'☆'.repeat(5 - stars())}
      </span>
      <span class="sr-only">{props.t('support.rating', { stars: stars() })}</span>
      <Show when={props.rating.comment}>{(c) => <p class="rating-comment">{c()}</p>}</Show>
    </div>
  );
}
