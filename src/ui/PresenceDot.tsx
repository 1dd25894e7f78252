import type { PresenceShow } from '../app/queries';
import { t } from './lib/i18n';

/** A coloured dot with its meaning in words for screen readers and tooltips. */
export function PresenceDot(props: { show: PresenceShow }) {
  const label = () => t(`presence.${props.show}`);
  return <span class={`dot dot-${props.show}`} role="img" aria-label={label()} title={label()} />;
}
