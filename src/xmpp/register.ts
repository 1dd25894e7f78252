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

/** Change the password of the signed-in account (XEP-0077 §3.3), sent to our server. */
export function buildPasswordChange(opts: {
  domain: string;
  username: string;
  password: string;
}): Element {
  return xml(
    'iq',
    { type: 'set', to: opts.domain, id: newId() },
    xml(
      'query',
      { xmlns: NS_REGISTER },
      xml('username', {}, opts.username),
      xml('password', {}, opts.password),
    ),
  );
}

/**
 * Delete the signed-in account (XEP-0077 §3.2), sent to our server. The server answers, then
 * closes every stream of the account.
 */
export function buildUnregister(domain: string): Element {
  return xml(
    'iq',
    { type: 'set', to: domain, id: newId() },
    xml('query', { xmlns: NS_REGISTER }, xml('remove')),
  );
}
