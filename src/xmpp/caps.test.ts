import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { answerDiscoInfo, buildCaps, CAPS_NODE, capsVer, FEATURES, verificationHash } from './caps';

describe('XEP-0115 caps', () => {
  it('hashes the XEP §5.2 example to its published ver', () => {
    const ver = verificationHash({ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }, [
      'http://jabber.org/protocol/disco#info',
      'http://jabber.org/protocol/disco#items',
      'http://jabber.org/protocol/muc',
      'http://jabber.org/protocol/caps',
    ]);
    expect(ver).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('asks for avatar and nickname notifications', () => {
    expect(FEATURES).toContain('urn:xmpp:avatar:metadata+notify');
    expect(FEATURES).toContain('http://jabber.org/protocol/nick+notify');
    const c = buildCaps();
    expect(c.attrs).toMatchObject({ hash: 'sha-1', node: CAPS_NODE, ver: capsVer() });
  });

  it('answers a disco#info query for its node, and for none', () => {
    const q = (node?: string) =>
      parse(
        `<iq type="get" id="1" from="localhost"><query xmlns="http://jabber.org/protocol/disco#info"${
          node ? ` node="${node}"` : ''
        }/></iq>`,
      );
    const answer = answerDiscoInfo(q(`${CAPS_NODE}#${capsVer()}`));
    expect(answer?.attrs['node']).toBe(`${CAPS_NODE}#${capsVer()}`);
    const vars = answer?.getChildren('feature').map((f) => f.attrs['var']);
    expect(vars).toContain('urn:xmpp:avatar:metadata+notify');
    expect(answer?.getChild('identity')?.attrs).toMatchObject({ category: 'client', type: 'web' });
    expect(answerDiscoInfo(q())?.getChildren('feature').length).toBe(FEATURES.length);
    expect(answerDiscoInfo(q(`${CAPS_NODE}#stale`))).toBeNull();
  });
});
