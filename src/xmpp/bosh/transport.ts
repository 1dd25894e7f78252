// The BOSH transport for @xmpp/client, plugged in the way @xmpp/websocket is: a Connection
// subclass on the client's transport list, chosen for http(s):// services. It speaks RFC 7395
// framing to the connection (the same <open/>/<close/> and parser as WebSocket); BoshSocket
// turns that into XEP-0206 requests.
import Connection from '@xmpp/connection';
import FramedParser from '@xmpp/websocket/lib/FramedParser.js';
import xml, { type Element } from '@xmpp/xml';
import { BoshSocket } from './socket';

const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

export class ConnectionBosh extends Connection {
  override send(element: Element, ...args: unknown[]) {
    element.attrs['xmlns'] ??= this.NS;
    return super.send(element, ...args);
  }

  async sendMany(elements: Element[]) {
    for (const element of elements) {
      element.attrs['xmlns'] ??= this.NS;
      element.parent = this.root;
      this.socket?.write(element.toString());
      this.emit('send', element);
    }
  }

  override footerElement() {
    return new xml.Element('close', { xmlns: NS_FRAMING });
  }

  override headerElement() {
    const el = super.headerElement();
    el.name = 'open';
    el.attrs['xmlns'] = NS_FRAMING;
    return el;
  }

  override socketParameters(service: string) {
    return /^https?:\/\//.test(service) ? service : undefined;
  }
}

Object.assign(ConnectionBosh.prototype, {
  Socket: BoshSocket,
  NS: 'jabber:client',
  Parser: FramedParser,
});

/** Add BOSH to a client's transports, beside WebSocket (as @xmpp/websocket does). */
export function bosh({ entity }: { entity: { transports: unknown[] } }) {
  entity.transports.push(ConnectionBosh);
}
