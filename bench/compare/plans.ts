// Which steps each run goes through, on which account, and which scenarios it records.
//
// The fair rows: each scenario runs in its own browser context against freshly restored data,
// so one client's weakness in one scenario cannot erase its figures in the others. The steps
// before a measured one (sign in, open the conversation) are done in full but not recorded;
// if a client cannot finish them, the row says which step stopped it.
import { BIG, SMALL } from './config';
import { SCENARIOS, type Scenario } from './results';
import type { Plan } from './runner';
import { burst } from './scenarios/burst';
import { openConversation, scrollBack, scrollBackDeep } from './scenarios/conversation';
import { warmReload } from './scenarios/reload';
import { loadSignIn, signInToRoster } from './scenarios/signIn';

export const FAIR = 'fair';
const DEEP: readonly Scenario[] = ['deepBack1', 'heapBack1', 'deepBack2', 'heapBack2'];
export const ALL = 'all';

export const FAIR_PLANS: Plan[] = [
  {
    group: FAIR,
    name: 'roster',
    account: BIG,
    steps: [loadSignIn, signInToRoster],
    measures: ['bytesSignIn', 'bytesMain', 'roster'],
  },
  {
    group: FAIR,
    name: 'history',
    account: SMALL,
    steps: [loadSignIn, signInToRoster, openConversation, scrollBack],
    measures: ['openNewest', 'scrollBack', 'heapAfter3'],
  },
  {
    group: FAIR,
    name: 'deep history',
    account: SMALL,
    steps: [loadSignIn, signInToRoster, openConversation, scrollBack, scrollBackDeep],
    measures: ['deepBack1', 'heapBack1', 'deepBack2', 'heapBack2'],
  },
  {
    group: FAIR,
    name: 'burst',
    account: SMALL,
    steps: [loadSignIn, signInToRoster, openConversation, burst],
    measures: ['burst', 'burstLongTask', 'heapAfter4'],
  },
  {
    group: FAIR,
    name: 'reload',
    account: SMALL,
    steps: [loadSignIn, signInToRoster, openConversation, warmReload],
    measures: ['warmReload'],
  },
];

/** Everything at once (the benchmark's first form, kept as one more table): one account with
 * the big roster and the big conversation, every scenario in sequence in one browser context. */
export const ALL_AT_ONCE: Plan = {
  group: ALL,
  name: 'everything at once',
  account: BIG,
  steps: [loadSignIn, signInToRoster, openConversation, scrollBack, burst, warmReload],
  // The deep scroll-back (6c, 6d) is a fair row only: here it would come after the burst.
  measures: SCENARIOS.filter((s) => !DEEP.includes(s)),
};
