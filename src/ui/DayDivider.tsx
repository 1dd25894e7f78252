import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { dayLabel, untilMidnight } from './lib/days';
import { lang, t } from './lib/i18n';

/** The time now, updated as each day begins: "Today" becomes "Yesterday" at midnight. */
export function createToday(): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    // A second past midnight: a timer may fire a little early.
    timer = setTimeout(() => {
      setNow(Date.now());
      next();
    }, untilMidnight(Date.now()) + 1000);
  };
  next();
  onCleanup(() => clearTimeout(timer));
  return now;
}

/**
 * The day the messages below it were sent. A heading, so a screen reader can jump from day to
 * day; it stays at the top of the log while its messages scroll under it.
 */
export function DayDivider(props: { at: number; now: number }) {
  const label = () =>
    dayLabel(props.at, props.now, lang(), {
      today: t('look.today'),
      yesterday: t('look.yesterday'),
    });
  return (
    <li class="day-divider">
      <h3>
        <time datetime={new Date(props.at).toISOString().slice(0, 10)}>{label()}</time>
      </h3>
    </li>
  );
}
