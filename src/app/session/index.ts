// The full app's one session, and the names the ui and the commands have always called: thin
// accessors over it. The widget and the PWA start their own with createSession().
import { lastAccount } from '../../db';
import { loadConfig } from '../config';
import { createSession } from './createSession';
import type { Args, CallName, Result } from './engineCalls';

export { preloadEngine } from '../../engine/gateway';
export { errorCode } from '../../shared/connectError';
export {
  type AuthState,
  createSession,
  type Session,
  type SessionOptions,
} from './createSession';
export type { EngineCalls } from './engineCalls';
export { splitAddress } from './open';

const session = createSession({ config: loadConfig });

export const auth = session.auth;
export const currentDb = () => session.currentDb();
export const currentAccount = () => session.currentAccount();
export const isLeader = () => session.isLeader();
export const holdsConnection = () => session.holdsConnection();
export const restore = () => session.start();
export const retryNow = () => session.retryNow();
export const signIn = (
  address: string,
  password: string,
  opts?: { register?: boolean; remember?: boolean },
) => session.signIn(address, password, opts);
export const signOut = (opts: { forget: boolean }) => session.signOut(opts);
export const verifyPassword = (password: string) => session.verifyPassword(password);
export const changePasswordHere = (current: string, fresh: string) =>
  session.changePassword(current, fresh);
/**
 * The widget's destroy(): this tab lets go of its part (the connection, the election, following
 * other tabs); the account stays signed in for the shop's other tabs and visits.
 */
export const detach = () => session.stop();
export const engineCall = <K extends CallName>(name: K, ...args: Args<K>): Promise<Result<K>> =>
  session.engineCall(name, ...args);

/** The address that signed in here last (never its password), while this browser holds it. */
export function lastAddress(): Promise<string | undefined> {
  return lastAccount();
}
