import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildDiscoInfo, buildDiscoItems, parseDiscoInfo, parseDiscoItems } from './disco';
import { attr } from './stanza';

const INFO = 'http://jabber.org/protocol/disco#info';
const ITEMS = 'http://jabber.org/protocol/disco#items';

const info = (inner: string, iqAttrs = "type='result' id='d1' from='upload.capulet.lit'") =>
  parseDiscoInfo(
    parse(`<iq xmlns='jabber:client' ${iqAttrs}><query xmlns='${INFO}'>${inner}</query></iq>`),
  );
const items = (inner: string, iqAttrs = "type='result' id='d2' from='capulet.lit'") =>
  parseDiscoItems(
    parse(`<iq xmlns='jabber:client' ${iqAttrs}><query xmlns='${ITEMS}'>${inner}</query></iq>`),
  );

describe('buildDiscoInfo / buildDiscoItems', () => {
  it('asks our own account for info when no address is given', () => {
    const el = buildDiscoInfo();
    expect(attr(el, 'type')).toBe('get');
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(el.toString()).not.toContain('to=');
    expect(el.toString()).not.toContain('node=');
    expect(el.getChildElements()).toHaveLength(1);
    expect(el.getChild('query', INFO)?.attrs).toEqual({ xmlns: INFO });
  });

  it('asks an address and node for info', () => {
    const el = buildDiscoInfo('capulet.lit', 'http://example.org#abc=');
    expect(attr(el, 'to')).toBe('capulet.lit');
    expect(attr(el.getChild('query', INFO) ?? el, 'node')).toBe('http://example.org#abc=');
  });

  it('asks an address (and node) for items, under a fresh id each time', () => {
    const a = buildDiscoItems('capulet.lit');
    const b = buildDiscoItems('capulet.lit', 'music');
    expect(attr(a, 'to')).toBe('capulet.lit');
    expect(attr(a, 'type')).toBe('get');
    expect(a.getChild('query', ITEMS)?.attrs).toEqual({ xmlns: ITEMS });
    expect(b.getChild('query', ITEMS)?.attrs).toEqual({ xmlns: ITEMS, node: 'music' });
    expect(attr(a, 'id')).not.toBe(attr(b, 'id'));
  });
});

describe('parseDiscoInfo', () => {
  it("reads an upload service's identities, features and size limit (XEP-0128)", () => {
    const r = info(`
      <identity category='store' type='file' name='HTTP File Upload'/>
      <feature var='urn:xmpp:http:upload:0'/>
      <feature var='http://jabber.org/protocol/disco#info'/>
      <x xmlns='jabber:x:data' type='result'>
        <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:http:upload:0</value></field>
        <field var='max-file-size'><value>5242880</value></field>
      </x>`);
    expect(r).toEqual({
      identities: [{ category: 'store', type: 'file', name: 'HTTP File Upload' }],
      features: ['urn:xmpp:http:upload:0', 'http://jabber.org/protocol/disco#info'],
      forms: [{ formType: 'urn:xmpp:http:upload:0', fields: { 'max-file-size': ['5242880'] } }],
    });
    expect(r?.forms[0]?.fields['max-file-size']).toEqual(['5242880']);
  });

  it('reads several identities, several forms and multi-valued fields', () => {
    const r = info(`
      <identity category='server' type='im'/>
      <identity category='pubsub' type='pep'/>
      <x xmlns='jabber:x:data' type='result'>
        <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/network/serverinfo</value></field>
        <field var='abuse-addresses' type='list-multi'>
          <value>mailto:abuse@capulet.lit</value><value>xmpp:abuse@capulet.lit</value>
        </field>
        <field var='empty'/>
      </x>
      <x xmlns='jabber:x:data' type='result'>
        <field var='no-form-type'><value>x</value></field>
      </x>`);
    expect(r?.identities).toEqual([
      { category: 'server', type: 'im' },
      { category: 'pubsub', type: 'pep' },
    ]);
    expect(r?.forms).toEqual([
      {
        formType: 'http://jabber.org/network/serverinfo',
        fields: {
          'abuse-addresses': ['mailto:abuse@capulet.lit', 'xmpp:abuse@capulet.lit'],
          empty: [],
        },
      },
      { fields: { 'no-form-type': ['x'] } },
    ]);
  });

  it('skips identities without category or type, and features without var; dedupes', () => {
    const r = info(`
      <identity type='im'/><identity category='server'/><identity category='' type='im'/>
      <identity category='server' type='im' xml:lang='en' name='Capulet'/>
      <identity category='server' type='im' xml:lang='en-GB' name='Capulet'/>
      <identity category='server' type='im' xml:lang='de' name='Kapulet'/>
      <feature/><feature var=''/><feature var='a'/><feature var='a'/>
      <feature xmlns='urn:evil' var='evil'/><identity xmlns='urn:evil' category='x' type='y'/>`);
    expect(r?.identities).toEqual([
      { category: 'server', type: 'im', name: 'Capulet' },
      { category: 'server', type: 'im', name: 'Kapulet' },
    ]);
    expect(r?.features).toEqual(['a']);
  });

  it('caps and trims a long identity name', () => {
    const r = info(`<identity category='server' type='im' name='  ${'n'.repeat(5000)} '/>`);
    expect(r?.identities[0]?.name).toHaveLength(1024);
    expect(info(`<identity category='server' type='im' name='   '/>`)?.identities).toEqual([
      { category: 'server', type: 'im' },
    ]);
  });

  it('keeps field names like __proto__ as plain data', () => {
    const r = info(`<x xmlns='jabber:x:data' type='result'>
      <field var='__proto__'><value>polluted</value></field>
      <field var='constructor'><value>c</value></field>
      <field var='toString'><value>t</value></field></x>`);
    const fields = r?.forms[0]?.fields ?? {};
    expect(Object.entries(fields)).toEqual([
      ['__proto__', ['polluted']],
      ['constructor', ['c']],
      ['toString', ['t']],
    ]);
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(fields['hasOwnProperty']).toBeUndefined();
  });

  it('takes the first of repeated fields and FORM_TYPEs; skips fields without var', () => {
    const r = info(`<x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE'><value>first</value></field>
      <field var='FORM_TYPE'><value>second</value></field>
      <field var='a'><value>1</value></field><field var='a'><value>2</value></field>
      <field><value>nameless</value></field><field var=''><value>x</value></field>
      <field var='b'><value>1</value><value xmlns='urn:evil'>2</value></field></x>`);
    expect(r?.forms).toEqual([{ formType: 'first', fields: { a: ['1'], b: ['1'] } }]);
  });

  it('ignores forms that are not results or not in the data namespace', () => {
    const r = info(`<x xmlns='jabber:x:data' type='form'><field var='a'/></x>
      <x xmlns='jabber:x:data'><field var='b'/></x>
      <x xmlns='jabber:x:oob' type='result'><field var='c'/></x>`);
    expect(r?.forms).toEqual([]);
  });

  it('reads an empty query', () => {
    expect(info('')).toEqual({ identities: [], features: [], forms: [] });
  });

  it('is null for an error, a get, a query in the other namespace, or no query', () => {
    expect(info('', "type='error' id='d1'")).toBeNull();
    expect(info('', "type='get' id='d1'")).toBeNull();
    expect(parseDiscoInfo(parse(`<iq type='result'><query xmlns='${ITEMS}'/></iq>`))).toBeNull();
    expect(parseDiscoInfo(parse("<iq type='result' id='x'/>"))).toBeNull();
    expect(parseDiscoInfo(parse(`<message><query xmlns='${INFO}'/></message>`))).toBeNull();
    expect(parseDiscoInfo(null)).toBeNull();
    expect(parseDiscoInfo({ name: 'iq' } as never)).toBeNull();
  });
});

describe('parseDiscoItems', () => {
  it('reads items with jid, name and node', () => {
    expect(
      items(`<item jid='conference.capulet.lit' name='Chatrooms'/>
        <item jid='upload.capulet.lit'/>
        <item jid='pubsub.capulet.lit' node='music' name='Music'/>
        <item jid='room@conference.capulet.lit/nurse'/>`),
    ).toEqual([
      { jid: 'conference.capulet.lit', name: 'Chatrooms' },
      { jid: 'upload.capulet.lit' },
      { jid: 'pubsub.capulet.lit', node: 'music', name: 'Music' },
      { jid: 'room@conference.capulet.lit/nurse' },
    ]);
  });

  it('skips items without a valid jid, and repeats; empty node and name count as none', () => {
    expect(
      items(`<item/><item jid=''/><item jid='not a jid'/><item jid='a@b@c'/>
        <item jid='x.lit' node='' name=' '/><item jid='x.lit'/><item jid='x.lit' node='n'/>
        <item xmlns='urn:evil' jid='evil.lit'/>`),
    ).toEqual([{ jid: 'x.lit' }, { jid: 'x.lit', node: 'n' }]);
  });

  it('reads an empty list', () => {
    expect(items('')).toEqual([]);
  });

  it('is null for an error, a set, a query in the other namespace, or no query', () => {
    expect(items('', "type='error' id='d2'")).toBeNull();
    expect(items('', "type='set' id='d2'")).toBeNull();
    expect(parseDiscoItems(parse(`<iq type='result'><query xmlns='${INFO}'/></iq>`))).toBeNull();
    expect(parseDiscoItems(parse("<iq type='result' id='x'/>"))).toBeNull();
    expect(parseDiscoItems(undefined)).toBeNull();
  });
});
