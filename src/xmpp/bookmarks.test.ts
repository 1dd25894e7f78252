import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import {
  buildBookmarkPublish,
  buildBookmarksGet,
  buildPrivateBookmarksGet,
  buildPrivateBookmarksSet,
  NS_BOOKMARKS,
  parseBookmarkEvent,
  parseBookmarks,
  parsePrivateBookmarks,
} from './bookmarks';
import { attr } from './stanza';

const PUBSUB = 'http://jabber.org/protocol/pubsub';
const EVENT = 'http://jabber.org/protocol/pubsub#event';
const ROOM = 'theplay@conference.shakespeare.lit';
const ME = 'juliet@capulet.lit';

const conference = (attrs: string, inner = '') =>
  `<conference xmlns='${NS_BOOKMARKS}' ${attrs}>${inner}</conference>`;

/** Prosody's answer to an items get on the bookmarks node. */
const itemsResult = (items: string) =>
  parse(`<iq xmlns='jabber:client' type='result' id='retrieve1' to='${ME}/balcony'>
    <pubsub xmlns='${PUBSUB}'><items node='${NS_BOOKMARKS}'>${items}</items></pubsub></iq>`);

/** A PEP notification as Prosody's mod_pep sends it. */
const event = (inner: string, from = ME) =>
  parse(`<message xmlns='jabber:client' from='${from}' to='${ME}/balcony' type='headline' id='new-room1'>
    <event xmlns='${EVENT}'>${inner}</event></message>`);

describe('buildBookmarkPublish', () => {
  it('publishes one item per room with the XEP-0402 publish-options', () => {
    const el = buildBookmarkPublish({
      room: 'ThePlay@Conference.Shakespeare.lit',
      name: "The Play's the Thing",
      autojoin: true,
      nick: 'JC',
      password: 'hunter2',
    });
    expect(attr(el, 'type')).toBe('set');
    expect(attr(el, 'to')).toBeUndefined();
    const pubsub = el.getChild('pubsub', PUBSUB);
    const publish = pubsub?.getChild('publish', PUBSUB);
    expect(attr(publish ?? el, 'node')).toBe(NS_BOOKMARKS);
    const item = publish?.getChild('item', PUBSUB);
    expect(attr(item ?? el, 'id')).toBe(ROOM);
    expect(item?.getChild('conference', NS_BOOKMARKS)?.toString()).toBe(
      `<conference xmlns="${NS_BOOKMARKS}" name="The Play&apos;s the Thing" autojoin="true"><nick>JC</nick><password>hunter2</password></conference>`,
    );
    const fields = pubsub
      ?.getChild('publish-options', PUBSUB)
      ?.getChild('x', 'jabber:x:data')
      ?.getChildren('field', 'jabber:x:data')
      .map((f) => [attr(f, 'var'), f.getChildText('value', 'jabber:x:data')]);
    expect(fields).toEqual([
      ['FORM_TYPE', 'http://jabber.org/protocol/pubsub#publish-options'],
      ['pubsub#persist_items', 'true'],
      ['pubsub#max_items', 'max'],
      ['pubsub#send_last_published_item', 'never'],
      ['pubsub#access_model', 'whitelist'],
    ]);
  });

  it('leaves out what is not set, and hands extensions back unchanged', () => {
    const ext = `<extensions><state xmlns='http://myclient.example/bookmark/state' minimized='true'/></extensions>`;
    const read = parseBookmarks(
      itemsResult(`<item id='${ROOM}'>${conference("autojoin='1'", ext)}</item>`),
    );
    const b = read?.[0];
    expect(b?.extensions).toBeDefined();
    const el = buildBookmarkPublish({ room: ROOM, autojoin: false, extensions: b?.extensions });
    const conf = el
      .getChild('pubsub', PUBSUB)
      ?.getChild('publish', PUBSUB)
      ?.getChild('item', PUBSUB)
      ?.getChild('conference', NS_BOOKMARKS);
    expect(conf?.attrs).toEqual({ xmlns: NS_BOOKMARKS });
    const state = conf
      ?.getChild('extensions', NS_BOOKMARKS)
      ?.getChild('state', 'http://myclient.example/bookmark/state');
    expect(attr(state ?? conf ?? el, 'minimized')).toBe('true');
    // Round trip: what we publish reads back the same.
    const again = parseBookmarks(itemsResult(`<item id='${ROOM}'>${conf?.toString()}</item>`));
    expect(again).toEqual([{ room: ROOM, autojoin: false, extensions: b?.extensions }]);
  });

  it('drops extensions that are not an <extensions/> element or not XML', () => {
    for (const extensions of [
      '<script>x</script>',
      'not xml <',
      "<extensions xmlns='urn:evil'/>",
    ]) {
      const el = buildBookmarkPublish({ room: ROOM, autojoin: true, extensions });
      expect(el.toString()).not.toMatch(/script|evil|extensions/);
    }
  });

  it('refuses a room that is not a bare JID with a local part', () => {
    for (const room of [`${ROOM}/nick`, 'conference.shakespeare.lit', 'not a jid']) {
      expect(() => buildBookmarkPublish({ room, autojoin: true })).toThrow(RangeError);
    }
  });
});

describe('buildBookmarksGet', () => {
  it('gets all items of the node from our own account', () => {
    const el = buildBookmarksGet();
    expect(el.attrs).toMatchObject({ type: 'get' });
    expect(attr(el, 'to')).toBeUndefined();
    expect(el.getChild('pubsub', PUBSUB)?.getChild('items', PUBSUB)?.attrs).toEqual({
      node: NS_BOOKMARKS,
    });
  });
});

describe('parseBookmarks', () => {
  it("reads Prosody's items", () => {
    const iq = itemsResult(`
      <item id='${ROOM}' publisher='${ME}'>${conference("name='The Play&apos;s the Thing' autojoin='true'", '<nick>JC</nick>')}</item>
      <item id='orchard@conference.shakespeare.lit'>${conference("name='The Orchard'", '<password>s3cret </password>')}</item>`);
    expect(parseBookmarks(iq)).toEqual([
      { room: ROOM, name: "The Play's the Thing", autojoin: true, nick: 'JC' },
      {
        room: 'orchard@conference.shakespeare.lit',
        name: 'The Orchard',
        autojoin: false,
        password: 's3cret ',
      },
    ]);
  });

  it('reads item-not-found (node never written) as no bookmarks', () => {
    const iq = parse(`<iq type='error' id='retrieve1'><error type='cancel'>
      <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    expect(parseBookmarks(iq)).toEqual([]);
    expect(parseBookmarks(itemsResult(''))).toEqual([]);
  });

  it('skips items with a bad id or no conference, and repeats; caps text', () => {
    const iq = itemsResult(`
      <item id='${ROOM}/nick'>${conference('')}</item>
      <item id='conference.shakespeare.lit'>${conference('')}</item>
      <item>${conference('')}</item>
      <item id='a@b.lit'><conference xmlns='urn:evil'/></item>
      <item id='c@d.lit'>${conference(`name='${'n'.repeat(5000)}' autojoin='yes'`)}</item>
      <item id='C@D.lit'>${conference("name='again'")}</item>`);
    const out = parseBookmarks(iq);
    expect(out).toHaveLength(1);
    expect(out?.[0]?.room).toBe('c@d.lit');
    expect(out?.[0]?.name).toHaveLength(1024);
    expect(out?.[0]?.autojoin).toBe(false);
  });

  it('is null for other errors, other nodes, no pubsub, or non-iqs', () => {
    const forbidden = parse(`<iq type='error'><error type='auth'>
      <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    expect(parseBookmarks(forbidden)).toBeNull();
    const other = parse(
      `<iq type='result'><pubsub xmlns='${PUBSUB}'><items node='storage:bookmarks'/></pubsub></iq>`,
    );
    expect(parseBookmarks(other)).toBeNull();
    expect(parseBookmarks(parse("<iq type='result'/>"))).toBeNull();
    expect(parseBookmarks(parse("<iq type='get'/>"))).toBeNull();
    expect(parseBookmarks(null)).toBeNull();
  });
});

describe('parseBookmarkEvent', () => {
  it('reads a published bookmark, exposing who sent it', () => {
    const el = event(`<items node='${NS_BOOKMARKS}'><item id='${ROOM}' publisher='${ME}'>
      ${conference("name='The Play&apos;s the Thing' autojoin='true'", '<nick>JC</nick>')}</item></items>`);
    expect(parseBookmarkEvent(el)).toEqual({
      from: ME,
      published: [{ room: ROOM, name: "The Play's the Thing", autojoin: true, nick: 'JC' }],
      retracted: [],
      purged: false,
    });
  });

  it('reads retractions and purges', () => {
    const retract = event(
      `<items node='${NS_BOOKMARKS}'><retract id='${ROOM}'/><retract id='bad/jid/'/></items>`,
    );
    expect(parseBookmarkEvent(retract)).toEqual({
      from: ME,
      published: [],
      retracted: [ROOM],
      purged: false,
    });
    expect(parseBookmarkEvent(event(`<purge node='${NS_BOOKMARKS}'/>`))?.purged).toBe(true);
    expect(parseBookmarkEvent(event(`<delete node='${NS_BOOKMARKS}'/>`))?.purged).toBe(true);
  });

  it('parses a forged event from another JID but reports its sender (the engine drops it)', () => {
    const forged = event(
      `<items node='${NS_BOOKMARKS}'><item id='evil@rooms.example'>${conference("autojoin='true'")}</item></items>`,
      'mallory@evil.example',
    );
    expect(parseBookmarkEvent(forged)?.from).toBe('mallory@evil.example');
  });

  it('is null for other nodes, the legacy node, errors, bad senders or no event', () => {
    expect(
      parseBookmarkEvent(event("<items node='urn:xmpp:avatar:metadata'><item id='x'/></items>")),
    ).toBeNull();
    expect(
      parseBookmarkEvent(event("<items node='storage:bookmarks'><item id='current'/></items>")),
    ).toBeNull();
    expect(
      parseBookmarkEvent(event(`<items xmlns='urn:evil' node='${NS_BOOKMARKS}'/>`)),
    ).toBeNull();
    expect(parseBookmarkEvent(event(`<items node='${NS_BOOKMARKS}'/>`, 'a@b@c'))).toBeNull();
    expect(
      parseBookmarkEvent(
        parse(
          `<message type='error'><event xmlns='${EVENT}'><purge node='${NS_BOOKMARKS}'/></event></message>`,
        ),
      ),
    ).toBeNull();
    expect(parseBookmarkEvent(parse('<message><body>hi</body></message>'))).toBeNull();
    expect(parseBookmarkEvent(null)).toBeNull();
  });
});

describe('private storage (XEP-0048 via XEP-0049)', () => {
  it('asks for the storage:bookmarks element', () => {
    const el = buildPrivateBookmarksGet();
    expect(el.attrs).toMatchObject({ type: 'get' });
    expect(el.getChild('query', 'jabber:iq:private')?.toString()).toBe(
      `<query xmlns="jabber:iq:private"><storage xmlns="storage:bookmarks"/></query>`,
    );
  });

  it('reads the list (as Prosody generates it from PEP), URL bookmarks ignored', () => {
    const iq = parse(`<iq type='result' id='pv1'><query xmlns='jabber:iq:private'>
      <storage xmlns='storage:bookmarks'>
        <conference jid='${ROOM}' name='The Play&apos;s the Thing' autojoin='true'><nick>JC</nick></conference>
        <conference jid='orchard@conference.shakespeare.lit' autojoin='false'><password>pw</password></conference>
        <conference jid='not a jid'/><conference/>
        <url name='Complete Works of Shakespeare' url='http://the-tech.mit.edu/Shakespeare/'/>
      </storage></query></iq>`);
    expect(parsePrivateBookmarks(iq)).toEqual([
      { room: ROOM, name: "The Play's the Thing", autojoin: true, nick: 'JC' },
      { room: 'orchard@conference.shakespeare.lit', autojoin: false, password: 'pw' },
    ]);
  });

  it('reads an empty storage, and is null for errors or a missing storage', () => {
    const empty = parse(
      "<iq type='result'><query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'/></query></iq>",
    );
    expect(parsePrivateBookmarks(empty)).toEqual([]);
    expect(
      parsePrivateBookmarks(parse("<iq type='result'><query xmlns='jabber:iq:private'/></iq>")),
    ).toBeNull();
    expect(parsePrivateBookmarks(parse("<iq type='error'/>"))).toBeNull();
    expect(parsePrivateBookmarks(undefined)).toBeNull();
  });

  it('writes the whole list, extensions dropped, bad rooms left out', () => {
    const el = buildPrivateBookmarksSet([
      {
        room: ROOM,
        name: 'Play',
        autojoin: true,
        nick: 'JC',
        password: 'pw',
        extensions: '<extensions/>',
      },
      { room: 'orchard@conference.shakespeare.lit', autojoin: false },
      { room: 'bad/room', autojoin: true },
    ]);
    expect(el.attrs).toMatchObject({ type: 'set' });
    expect(el.getChild('query', 'jabber:iq:private')?.toString()).toBe(
      '<query xmlns="jabber:iq:private"><storage xmlns="storage:bookmarks">' +
        `<conference jid="${ROOM}" name="Play" autojoin="true"><nick>JC</nick><password>pw</password></conference>` +
        '<conference jid="orchard@conference.shakespeare.lit" autojoin="false"/>' +
        '</storage></query>',
    );
    const back = parse(el.toString());
    back.attrs['type'] = 'result';
    expect(parsePrivateBookmarks(back)).toHaveLength(2);
    expect(buildPrivateBookmarksSet([]).toString()).toContain(
      '<storage xmlns="storage:bookmarks"/>',
    );
  });
});
