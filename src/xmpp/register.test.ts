import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import {
  buildRegisterGet,
  buildRegisterSet,
  buildUnregister,
  parseRegisterError,
  parseRegistrationForm,
} from './register';
import { attr } from './stanza';

const NS = 'jabber:iq:register';
const S = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const errorIq = (type: string, condition: string) =>
  parse(`<iq type='error' id='r1'><error type='${type}'><${condition} xmlns='${S}'/></error></iq>`);

describe('builders', () => {
  it('asks for the form', () => {
    const el = buildRegisterGet();
    expect(attr(el, 'type')).toBe('get');
    expect(el.getChild('query', NS)?.getChildElements()).toHaveLength(0);
  });

  it('sends username and password as typed, escaped by the serializer', () => {
    const el = buildRegisterSet({ username: 'juliet', password: `p<&>'"w` });
    const back = parse(el.toString()).getChild('query', NS);
    expect(back?.getChildText('username')).toBe('juliet');
    expect(back?.getChildText('password')).toBe(`p<&>'"w`);
  });

  it('removes the account with <remove/>', () => {
    const el = buildUnregister();
    expect(attr(el, 'type')).toBe('set');
    expect(el.getChild('query', NS)?.getChild('remove')).toBeDefined();
  });
});

describe('parseRegistrationForm', () => {
  it('lists the legacy fields and instructions (Prosody)', () => {
    const form = parseRegistrationForm(
      parse(`<iq type='result' id='r1'><query xmlns='${NS}'>
        <instructions>Choose a username and password.</instructions>
        <username/><password/><email/><bogus/>
        <x xmlns='jabber:x:data' type='form'>
          <field var='FORM_TYPE' type='hidden'><value>${NS}</value></field>
          <field var='username'/><field var='password'/>
        </x></query></iq>`),
    );
    expect(form).toEqual({
      registered: false,
      fields: ['username', 'password', 'email'],
      instructions: 'Choose a username and password.',
    });
  });

  it('falls back to a data form when no legacy fields are given', () => {
    const form = parseRegistrationForm(
      parse(`<iq type='result' id='r1'><query xmlns='${NS}'>
        <x xmlns='jabber:x:data' type='form'><instructions>Fill in</instructions>
          <field var='FORM_TYPE'/><field var='username'/><field var='password'/><field var='captcha'/>
        </x></query></iq>`),
    );
    expect(form).toEqual({
      registered: false,
      fields: ['username', 'password'],
      instructions: 'Fill in',
    });
  });

  it('says when the account is already registered', () => {
    const form = parseRegistrationForm(
      parse(
        `<iq type='result' id='r1'><query xmlns='${NS}'><registered/><username>juliet</username></query></iq>`,
      ),
    );
    expect(form).toEqual({ registered: true, fields: ['username'] });
  });

  it('returns null for anything else', () => {
    expect(
      parseRegistrationForm(parse(`<iq type='error' id='r1'><query xmlns='${NS}'/></iq>`)),
    ).toBeNull();
    expect(parseRegistrationForm(parse("<iq type='result' id='r1'/>"))).toBeNull();
    expect(parseRegistrationForm(null)).toBeNull();
  });
});

describe('parseRegisterError', () => {
  it.each([
    ['cancel', 'conflict', 'conflict'],
    ['cancel', 'not-allowed', 'not-allowed'],
    ['auth', 'forbidden', 'not-allowed'],
    ['auth', 'registration-required', 'not-allowed'],
    ['modify', 'not-acceptable', 'not-acceptable'],
    ['modify', 'bad-request', 'bad-request'],
    ['modify', 'jid-malformed', 'bad-request'],
    ['cancel', 'service-unavailable', 'service-unavailable'],
    ['cancel', 'feature-not-implemented', 'service-unavailable'],
    ['wait', 'resource-constraint', 'resource-constraint'],
    ['wait', 'policy-violation', 'resource-constraint'],
    ['modify', 'policy-violation', 'not-allowed'],
    ['wait', 'internal-server-error', 'other'],
  ])('maps %s/%s to %s', (type, condition, expected) => {
    expect(parseRegisterError(errorIq(type, condition))).toBe(expected);
  });

  it("is 'other' for an error without condition or a non-error", () => {
    expect(parseRegisterError(parse("<iq type='error' id='r1'><error type='cancel'/></iq>"))).toBe(
      'other',
    );
    expect(parseRegisterError(parse("<iq type='error' id='r1'/>"))).toBe('other');
    expect(parseRegisterError(parse("<iq type='result' id='r1'/>"))).toBe('other');
    expect(parseRegisterError(null)).toBe('other');
  });
});
