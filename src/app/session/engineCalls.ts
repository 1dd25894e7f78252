import type { Engine, UploadService } from '../../engine/gateway';

/** Requests to the engine that any tab may make; the leader tab answers (see engineCall). */
export interface EngineCalls {
  uploadService: { args: []; result: UploadService | null };
  mucService: { args: []; result: string | null };
  roomDirectory: { args: [service: string]; result: Array<{ jid: string; name?: string }> };
  canReport: { args: []; result: boolean };
  /** No password: the tab where it was typed checked it (see Session.verifyPassword). */
  deleteAccount: { args: []; result: undefined };
}
export type CallName = keyof EngineCalls;
export type Args<K extends CallName> = EngineCalls[K]['args'];
export type Result<K extends CallName> = EngineCalls[K]['result'];

/** Run a call on the engine of this tab. */
export function callEngine<K extends CallName>(
  engine: Engine,
  name: K,
  ...args: Args<K>
): Promise<Result<K>> {
  const calls: { [N in CallName]: (...a: Args<N>) => Promise<Result<N>> } = {
    uploadService: () => engine.uploadService(),
    mucService: () => engine.mucService(),
    roomDirectory: (service) => engine.roomDirectory(service),
    canReport: () => engine.canReport(),
    deleteAccount: async () => {
      await engine.deleteAccount();
      return undefined;
    },
  };
  const call = calls[name] as ((...a: Args<K>) => Promise<Result<K>>) | undefined;
  return call ? call(...args) : Promise.reject(new Error(`unknown call ${name}`));
}
