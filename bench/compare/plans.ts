// Which steps each run goes through, on which account, and which scenarios it records.
import { BIG } from './config';
import { SCENARIOS } from './results';
import type { Plan } from './runner';
import { burst } from './scenarios/burst';
import { openConversation, scrollBack } from './scenarios/conversation';
import { warmReload } from './scenarios/reload';
import { loadSignIn, signInToRoster } from './scenarios/signIn';

export const ALL = 'all';

/** Everything at once: one account with the big roster and the big conversation, every
 * scenario in sequence in one browser context. */
export const ALL_AT_ONCE: Plan = {
  group: ALL,
  account: BIG,
  steps: [loadSignIn, signInToRoster, openConversation, scrollBack, burst, warmReload],
  measures: SCENARIOS,
};
