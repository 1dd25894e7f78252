// Publishing to a private node of our own account (XEP-0223), found out by trying: with all
// of its publish-options first, then with fewer (ejabberd 23.01 refuses pubsub#max_items as an
// unknown field), then without any (and the node's access model set to whitelist after), each
// step down taken only on the server's refusal. Bookmarks and chat choices each keep one.
import {
  buildPrivateNodeConfigure,
  type PrivateNodeOptions,
  type PrivatePublishBuilder,
  privatePublishRefusal,
} from '../xmpp';
import { XmppRequestError } from '../xmpp/session';
import type { EngineContext } from './context';

const LEVELS: readonly PrivateNodeOptions[] = ['full', 'lean', 'none'];
export type PrivateNodeLevel = PrivateNodeOptions | 'refused';

/** The server's refusal condition; undefined for a timeout or a lost link (try again later). */
export function refusal(err: unknown): string | undefined {
  if (!(err instanceof XmppRequestError)) return undefined;
  return err.condition === 'timeout' || err.condition === 'other' ? undefined : err.condition;
}

export function createPrivateNode(ctx: EngineContext, node: string, name: string) {
  const { session } = ctx;
  let level: PrivateNodeLevel = 'full';

  function stepDown(to?: PrivateNodeLevel) {
    level = to ?? LEVELS[LEVELS.indexOf(level as PrivateNodeOptions) + 1] ?? 'refused';
    ctx.log(`${name}: publishing with options`, level);
  }

  /** One publish at the current level; true when kept, false after stepping down. */
  async function publishAt(
    build: PrivatePublishBuilder,
    options: PrivateNodeOptions,
  ): Promise<boolean> {
    try {
      await session.request(build(options));
      if (options === 'none')
        // Without options the node may be open to our contacts: close it where we can.
        await session
          .request(buildPrivateNodeConfigure(node, 'access'))
          .catch((err) => ctx.log(`${name} node left with its access model`, err));
      return true;
    } catch (err) {
      const condition = refusal(err);
      if (!condition) throw err;
      const next = privatePublishRefusal(condition);
      if (next === 'no-pep') {
        stepDown('refused');
        return false;
      }
      if (next === 'configure' && options !== 'none') {
        // XEP-0402 (and XEP-0223): the node exists with another configuration; configure it,
        // publish again.
        try {
          await session.request(buildPrivateNodeConfigure(node, options));
          await session.request(build(options));
          return true;
        } catch (again) {
          if (!refusal(again)) throw again;
          ctx.log(`${name} node not reconfigured`, again);
        }
      }
      stepDown();
      return false;
    }
  }

  return {
    /**
     * Publish what `build` makes for the options of the current step, stepping down on
     * refusals: true when kept, false once the server refuses the node altogether. Rejects only
     * on a lost link or a timeout (the caller tries again later).
     */
    async publish(build: PrivatePublishBuilder): Promise<boolean> {
      while (level !== 'refused') {
        if (await publishAt(build, level)) return true;
      }
      return false;
    },
    /** How publishes go now; 'refused' once the server took none of them. */
    get level(): PrivateNodeLevel {
      return level;
    },
  };
}
