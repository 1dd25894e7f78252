// XEP-0077 in-band registration.
import xml, { type Element } from '@xmpp/xml';
import { NS_DATA, NS_REGISTER } from './ns';
import { attr, isElement, localName, newId, oneOf, parseStanzaError, shortText } from './stanza';
import type { RegistrationForm } from './types';

// XEP-0077 §14.1: the registration fields a server may ask for.
const FIELDS = [
  'username',
  'nick',
  'password',
  'name',
  'first',
  'last',
  'email',
  'address',
  'city',
  'state',
  'zip',
  'phone',
  'url',
  'date',
  'misc',
  'text',
  'key',
] as const;

export type RegisterError =
  | 'conflict'
  | 'not-allowed'
  | 'not-acceptable'
  | 'bad-request'
  | 'service-unavailable'
  | 'resource-constraint'
  | 'other';

function iq(type: 'get' | 'set', ...children: Element[]): Element {
  return xml('iq', { type, id: newId() }, xml('query', { xmlns: NS_REGISTER }, ...children));
}

export function buildRegisterGet(): Element {
  return iq('get');
}

/** What the server asks for; null when `el` is not a registration result. */
export function parseRegistrationForm(el: Element | null | undefined): RegistrationForm | null {
  if (!isElement(el, 'iq') || attr(el, 'type') !== 'result') return null;
  const query = el.getChild('query', NS_REGISTER);
  if (!query) return null;
  const legacy = query
    .getChildElements()
    .filter((c) => c.getNS() === NS_REGISTER)
    .map((c) => localName(c));
  // A server may offer only a data form (XEP-0004); its field vars use the same names.
  const form = query.getChild('x', NS_DATA);
  const fromForm = (form?.getChildren('field', NS_DATA) ?? []).map((f) => attr(f, 'var'));
  const names = legacy.some((n) => oneOf(FIELDS, n)) ? legacy : fromForm;
  const formInstructions = form?.getChildText('instructions', NS_DATA);
  const result: RegistrationForm = {
    registered: query.getChild('registered', NS_REGISTER) !== undefined,
    fields: [...new Set(names.map((n) => oneOf(FIELDS, n)).filter((n) => n !== undefined))],
  };
  const instructions = shortText(
    query.getChildText('instructions', NS_REGISTER) ?? formInstructions,
  );
  if (instructions) result.instructions = instructions;
  return result;
}

/** Create the account. Passed through as typed: stripping characters would change the password. */
export function buildRegisterSet(opts: { username: string; password: string }): Element {
  return iq('set', xml('username', {}, opts.username), xml('password', {}, opts.password));
}

/** Delete the signed-in account (XEP-0077 §3.2). */
export function buildUnregister(): Element {
  return iq('set', xml('remove', {}));
}

/** Why a registration failed, in the terms the UI explains. */
export function parseRegisterError(el: Element | null | undefined): RegisterError {
  if (!isElement(el, 'iq') || attr(el, 'type') !== 'error') return 'other';
  const error = parseStanzaError(el);
  switch (error?.condition) {
    case 'conflict':
      return 'conflict';
    case 'not-allowed':
    case 'forbidden':
    case 'registration-required':
      return 'not-allowed';
    case 'not-acceptable':
      return 'not-acceptable';
    case 'bad-request':
    case 'jid-malformed':
      return 'bad-request';
    case 'service-unavailable':
    case 'feature-not-implemented':
      return 'service-unavailable';
    case 'resource-constraint':
      return 'resource-constraint';
    case 'policy-violation':
      // Prosody's registration throttle says wait + policy-violation; ejabberd's, resource-constraint.
      return error.type === 'wait' ? 'resource-constraint' : 'not-allowed';
    default:
      return 'other';
  }
}
