import type { StoredKeys } from '../../db';

/** Where a tab keeps a session-only account's keys across a reload: sessionStorage by default. */
export type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const TAB_KEYS = 'parley.tabKeys';

/**
 * The SCRAM keys of the account signed in without "keep me signed in": in memory, and in this
 * tab's storage so that a reload still connects; gone when the tab closes. Never the password.
 */
export function createTabKeys(storage: KeyStorage | null) {
  let memory: { account: string; keys: StoredKeys } | null = null;
  return {
    get(account: string): StoredKeys | undefined {
      if (memory?.account === account) return memory.keys;
      try {
        const raw = storage?.getItem(TAB_KEYS);
        const v = raw ? (JSON.parse(raw) as { account: string; keys: StoredKeys }) : null;
        return v?.account === account ? v.keys : undefined;
      } catch {
        return undefined;
      }
    },
    /** Keep in memory; with `inTab`, in the tab's storage too (a session-only account). */
    keep(account: string, keys: StoredKeys, inTab: boolean) {
      memory = { account, keys };
      try {
        if (inTab) storage?.setItem(TAB_KEYS, JSON.stringify({ account, keys }));
        else storage?.removeItem(TAB_KEYS);
      } catch {
        // storage full or blocked: the keys stay in memory only
      }
    },
    clear() {
      memory = null;
      try {
        storage?.removeItem(TAB_KEYS);
      } catch {
        // blocked storage holds nothing of ours
      }
    },
  };
}

export type TabKeys = ReturnType<typeof createTabKeys>;

export function safeSessionStorage(): KeyStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage blocked: keys in memory only
  }
}
