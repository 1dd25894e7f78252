// What the app needs before, or without, a connection. Nothing here loads the XMPP library or
// the engine, so the first screen stays small: the app imports those (./index) when it connects.
export type { ConnectErrorCode, XmppSession } from '../xmpp/session';
export { ConnectError } from '../xmpp/session';
export { createRetry, onWakeSignals } from './retry';
export { kindOf, typeFromName } from './upload/attachment';
export { checkSize, MEDIA_CACHE_BYTES } from './upload/limits';
export { cleanFileName, isInlineSafeType } from './upload/names';
