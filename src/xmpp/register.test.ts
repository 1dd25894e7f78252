import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildRegisterSet, buildUnregister } from './register';

const NS = 'jabber:iq:register';

describe('builders', () => {
  it('sends username and password as typed, escaped by the serializer', () => {
    const el = buildRegisterSet({ username: 'juliet', password: `p<&>'"w` });
    const back = parse(el.toString()).getChild('query', NS);
    expect(back?.getChildText('username')).toBe('juliet');
    expect(back?.getChildText('password')).toBe(`p<&>'"w`);
  });

  it('asks our server to remove the account, and nothing else', () => {
    const el = parse(buildUnregister('example.com').toString());
    expect(el.attrs).toMatchObject({ type: 'set', to: 'example.com' });
    const query = el.getChild('query', NS);
    expect(query?.getChildElements().map((c) => c.name)).toEqual(['remove']);
  });
});
