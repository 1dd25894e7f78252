// Answers disco#info queries to us (XEP-0030), which the server and peers send to learn what
// our caps (XEP-0115, in our presence) stand for: that is how PEP notifications get turned on.
import { answerDiscoInfo, NS_DISCO_INFO } from '../xmpp';
import type { EngineContext } from './context';

export function createCapsResponder(ctx: EngineContext) {
  const stop = ctx.session.onIq(
    'get',
    NS_DISCO_INFO,
    'query',
    (iq) => answerDiscoInfo(iq) ?? false,
  );
  return { stop };
}
