// Minimal typings for the parts of xmpp.js we use; the packages ship none.
declare module '@xmpp/xml' {
  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent?: Element | null;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getChildElements(): Element[];
    getText(): string;
    text(): string;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    c(name: string, attrs?: Record<string, string | undefined>): Element;
    t(text: string): Element;
    up(): Element;
    append(...children: Array<Element | string>): Element;
    toString(): string;
  }
  type Child = Element | string | null | undefined | false | Child[];
  interface XmlFn {
    (
      name: string,
      attrs?: Record<string, string | undefined> | null,
      ...children: Child[]
    ): Element;
    Element: new (name: string, attrs?: Record<string, string | undefined>) => Element;
  }
  const xml: XmlFn;
  export default xml;
}
declare module '@xmpp/xml/lib/parse.js' {
  import type { Element } from '@xmpp/xml';
  export default function parse(s: string): Element;
}
declare module '@xmpp/client' {
  import type { Element } from '@xmpp/xml';
  import xmlDefault from '@xmpp/xml';
  export const xml: typeof xmlDefault;
  export interface Jid {
    local: string;
    domain: string;
    resource: string;
    bare(): Jid;
    toString(): string;
  }
  export function jid(s: string): Jid;
  export interface Emitter {
    on(ev: string, fn: (...args: never[]) => void): void;
    off(ev: string, fn: (...args: never[]) => void): void;
    listeners(ev: string): Array<(...args: never[]) => void>;
  }
  export interface Client extends Emitter {
    status: string;
    jid: Jid | null;
    start(): Promise<Jid>;
    stop(): Promise<void>;
    send(el: Element): Promise<void>;
    disconnect(timeout?: number): Promise<void>;
    isSecure(): boolean;
    iqCaller: { request(el: Element, timeout?: number): Promise<Element> };
    reconnect: Emitter & { stop(): void; start(): void; reconnect(): Promise<void>; delay: number };
    streamManagement: Emitter & {
      enabled: boolean;
      id: string;
      timeout: number;
      requestAckInterval: number;
    };
    saslFactory: { use(name: string, mech: unknown): void };
    streamFeatures: unknown;
    iqCallee: {
      get(
        ns: string,
        name: string,
        h: (ctx: { stanza: Element; element: Element }) => unknown,
      ): void;
      set(
        ns: string,
        name: string,
        h: (ctx: { stanza: Element; element: Element }) => unknown,
      ): void;
    };
    middleware: { use(fn: (ctx: { stanza: Element }, next: () => Promise<void>) => unknown): void };
  }
  export interface ClientOptions {
    service: string;
    domain?: string;
    resource?: string;
    username?: string;
    password?: string;
    credentials?:
      | { username?: string; password?: string }
      | ((
          authenticate: (
            creds: { username?: string; password?: string },
            mechanism: string,
          ) => Promise<void>,
          mechanisms: string[],
          fast: unknown,
          entity: Client,
        ) => Promise<void>);
  }
  export function client(opts: ClientOptions): Client;
}
declare module '@xmpp/events' {
  export class EventEmitter {
    on(ev: string, fn: (...args: never[]) => void): this;
    once(ev: string, fn: (...args: never[]) => void): this;
    off(ev: string, fn: (...args: never[]) => void): this;
    emit(ev: string, ...args: unknown[]): boolean;
  }
}
declare module '@xmpp/connection' {
  import type { EventEmitter } from '@xmpp/events';
  import type { Element } from '@xmpp/xml';
  /** The base of xmpp.js transports; only what the BOSH transport overrides or calls. */
  export default class Connection extends EventEmitter {
    NS: string;
    root: Element | null;
    socket: { write(s: string, fn?: (err?: Error) => void): void; end(): void } | null;
    status: string;
    send(element: Element, ...args: unknown[]): Promise<void>;
    headerElement(): Element;
    footerElement(): Element | undefined;
    socketParameters(service: string): unknown;
  }
}
declare module '@xmpp/websocket/lib/FramedParser.js' {
  const FramedParser: new () => unknown;
  export default FramedParser;
}
