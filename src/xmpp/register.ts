// XEP-0077 in-band registration.
import xml, { type Element } from '@xmpp/xml';
import { NS_REGISTER } from './ns';
import { newId } from './stanza';

function iq(type: 'set', ...children: Element[]): Element {
  return xml('iq', { type, id: newId() }, xml('query', { xmlns: NS_REGISTER }, ...children));
}

/** Create the account. Passed through as typed: stripping characters would change the password. */
export function buildRegisterSet(opts: { username: string; password: string }): Element {
  return iq('set', xml('username', {}, opts.username), xml('password', {}, opts.password));
}
