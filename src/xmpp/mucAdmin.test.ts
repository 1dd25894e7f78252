import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { NS_MUC_ADMIN } from './muc';
import {
  buildAffiliationList,
  buildSetAffiliation,
  buildSetRole,
  parseAffiliationList,
} from './mucAdmin';
import { attr } from './stanza';

const ROOM = 'harfleur@chat.shakespeare.lit';

describe('buildSetRole', () => {
  it('kicks by nick with a reason', () => {
    const el = buildSetRole(ROOM, 'pistol', 'none', 'Avaunt, you cullion!');
    expect(el.attrs).toMatchObject({ type: 'set', to: ROOM });
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    const item = el.getChild('query', NS_MUC_ADMIN)?.getChild('item', NS_MUC_ADMIN);
    expect(item?.attrs).toEqual({ nick: 'pistol', role: 'none' });
    expect(item?.getChildText('reason', NS_MUC_ADMIN)).toBe('Avaunt, you cullion!');
  });

  it('grants and revokes voice, without a reason element when none is given', () => {
    const voice = buildSetRole(ROOM, 'Fluellen Jr', 'participant');
    const item = voice.getChild('query', NS_MUC_ADMIN)?.getChild('item', NS_MUC_ADMIN);
    expect(item?.attrs).toEqual({ nick: 'Fluellen Jr', role: 'participant' });
    expect(item?.getChildElements()).toHaveLength(0);
    expect(buildSetRole(ROOM, 'x', 'visitor').toString()).toContain('role="visitor"');
  });

  it('refuses a bad room or nick', () => {
    expect(() => buildSetRole(`${ROOM}/n`, 'pistol', 'none')).toThrow(RangeError);
    expect(() => buildSetRole(ROOM, '', 'none')).toThrow(RangeError);
  });
});

describe('buildSetAffiliation', () => {
  it('bans a bare JID with a reason', () => {
    const el = buildSetAffiliation(ROOM, 'Earlofcambridge@Shakespeare.lit', 'outcast', 'Treason');
    const item = el.getChild('query', NS_MUC_ADMIN)?.getChild('item', NS_MUC_ADMIN);
    expect(item?.attrs).toEqual({ jid: 'earlofcambridge@shakespeare.lit', affiliation: 'outcast' });
    expect(item?.getChildText('reason', NS_MUC_ADMIN)).toBe('Treason');
  });

  it('grants membership, admin, owner and removes an affiliation', () => {
    for (const a of ['member', 'admin', 'owner', 'none'] as const) {
      const el = buildSetAffiliation(ROOM, 'hag66@shakespeare.lit', a);
      expect(el.toString()).toContain(`affiliation="${a}"`);
    }
  });

  it('refuses a full JID (Prosody answers jid-malformed) or garbage', () => {
    expect(() => buildSetAffiliation(ROOM, 'hag66@shakespeare.lit/pda', 'member')).toThrow(
      RangeError,
    );
    expect(() => buildSetAffiliation(ROOM, 'not a jid', 'member')).toThrow(RangeError);
  });
});

describe('affiliation lists', () => {
  it('asks for one affiliation', () => {
    const el = buildAffiliationList(ROOM, 'outcast');
    expect(el.attrs).toMatchObject({ type: 'get', to: ROOM });
    expect(el.getChild('query', NS_MUC_ADMIN)?.getChild('item', NS_MUC_ADMIN)?.attrs).toEqual({
      affiliation: 'outcast',
    });
  });

  it("reads Prosody's answer, reserved nicks and host bans included", () => {
    const iq = parse(`<iq xmlns='jabber:client' type='result' id='ban1' from='${ROOM}'>
      <query xmlns='${NS_MUC_ADMIN}'>
        <item affiliation='outcast' jid='earlofcambridge@shakespeare.lit'/>
        <item affiliation='outcast' jid='evil.example'/>
        <item affiliation='member' jid='Hag66@Shakespeare.lit' nick='thirdwitch'/>
      </query></iq>`);
    expect(parseAffiliationList(iq)).toEqual([
      { jid: 'earlofcambridge@shakespeare.lit', affiliation: 'outcast' },
      { jid: 'evil.example', affiliation: 'outcast' },
      { jid: 'hag66@shakespeare.lit', affiliation: 'member', nick: 'thirdwitch' },
    ]);
  });

  it('reads an empty list', () => {
    const iq = parse(`<iq type='result'><query xmlns='${NS_MUC_ADMIN}'/></iq>`);
    expect(parseAffiliationList(iq)).toEqual([]);
  });

  it('skips full or bad JIDs, unknown affiliations, foreign items and repeats', () => {
    const iq = parse(`<iq type='result'><query xmlns='${NS_MUC_ADMIN}'>
      <item affiliation='member' jid='a@b.lit/res'/>
      <item affiliation='member' jid='not a jid'/>
      <item affiliation='member'/>
      <item affiliation='emperor' jid='c@b.lit'/>
      <item xmlns='urn:evil' affiliation='owner' jid='evil@b.lit'/>
      <item affiliation='member' jid='d@b.lit' nick='   '/>
      <item affiliation='admin' jid='D@b.lit'/>
      </query></iq>`);
    expect(parseAffiliationList(iq)).toEqual([{ jid: 'd@b.lit', affiliation: 'member' }]);
  });

  it('is null for errors (Prosody: auth/forbidden), other queries or non-iqs', () => {
    const forbidden = parse(`<iq type='error' from='${ROOM}'><error type='auth'>
      <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    expect(parseAffiliationList(forbidden)).toBeNull();
    expect(
      parseAffiliationList(parse("<iq type='result'><query xmlns='urn:evil'/></iq>")),
    ).toBeNull();
    expect(parseAffiliationList(parse("<iq type='result'/>"))).toBeNull();
    expect(parseAffiliationList(null)).toBeNull();
  });
});
