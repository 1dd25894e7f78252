// Types for bench/lib/crowd.mjs.
export interface CrowdMember {
  jid: string;
  send(xml: string): void;
  waitFor(test: (frame: string) => boolean, ms?: number): Promise<string>;
  /** Calls `fn` with every incoming frame. */
  onFrame(fn: (frame: string) => void): void;
  close(): Promise<void>;
}

export interface Crowd {
  members: CrowdMember[];
  owner: CrowdMember;
  /** Send `n` groupchat messages from the owner at `perSecond`. */
  burst(n: number, perSecond: number, body: (i: number) => string): Promise<void>;
  close(): Promise<void>;
}

export function gatherCrowd(options: {
  url: string;
  domain: string;
  room: string;
  count: number;
  prefix?: string;
  parallel?: number;
  persistent?: boolean;
}): Promise<Crowd>;

/** A bare socket joins `room` (and leaves again): the server's own floor for a join. */
export function timeBareJoin(options: {
  url: string;
  domain: string;
  room: string;
  nick: string;
}): Promise<{ ms: number; presences: number }>;
