import { describe, expect, it } from 'vitest';
import { NS_MUC_ADMIN } from './muc';
import { buildSetAffiliation, buildSetRole } from './mucAdmin';
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
