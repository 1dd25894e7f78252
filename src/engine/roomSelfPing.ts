// XEP-0410 self-ping: every few minutes, and after a resumed stream, ask each joined room
// whether it still has us; a room that restarted drops its occupants without a word.
import { buildSelfPing, classifySelfPing, classifySelfPingFailure } from '../xmpp';
import type { EngineContext } from './context';
import type { RoomState } from './roomState';

const SELF_PING_MS = 5 * 60_000;
const ANSWER_MS = 20_000;

export function createRoomSelfPing(
  ctx: EngineContext,
  state: RoomState,
  deps: { join(jid: string): Promise<void> },
) {
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Are we still in each joined room? Join again where not. */
  async function pingAll() {
    for (const room of state.known.values()) {
      if (room.status !== 'joined') continue;
      const result = await ctx.session
        .request(buildSelfPing(room.jid, room.nick), ANSWER_MS)
        .then(classifySelfPing, classifySelfPingFailure);
      if (result === 'not-joined') {
        ctx.log('self-ping: not in room any more, joining again', room.jid);
        void deps.join(room.jid).catch((err) => ctx.log('rejoin failed', err));
      }
    }
  }

  return {
    /** Ping on a timer from now on; at once too when the stream was resumed. */
    start(resumed: boolean) {
      clearInterval(timer);
      timer = setInterval(() => void pingAll(), SELF_PING_MS);
      if (resumed) void pingAll();
    },
    stop: () => clearInterval(timer),
  };
}
