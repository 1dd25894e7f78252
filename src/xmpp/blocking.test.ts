import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildBlock, buildUnblock, parseBlocklistResult, parseBlockPush } from './blocking';

const NS = 'urn:xmpp:blocking';

describe('XEP-0191 blocking', () => {
  it('reads the blocklist, lower-cased and without repeats', () => {
    const iq = parse(
      `<iq type="result" id="1"><blocklist xmlns="${NS}"><item jid="Romeo@localhost"/><item jid="romeo@localhost"/><item jid="spam.example"/><item/></blocklist></iq>`,
    );
    expect(parseBlocklistResult(iq)).toEqual(['romeo@localhost', 'spam.example']);
    expect(parseBlocklistResult(parse('<iq type="result" id="1"/>'))).toBeNull();
  });

  it('blocks and unblocks bare addresses', () => {
    const block = buildBlock(['romeo@localhost/phone']);
    expect(block.attrs['type']).toBe('set');
    expect(block.getChild('block', NS)?.getChild('item')?.attrs['jid']).toBe('romeo@localhost');
    expect(buildUnblock(['romeo@localhost']).getChild('unblock', NS)).toBeTruthy();
  });

  it('reads pushes with their sender, for the trust check', () => {
    const push = parseBlockPush(
      parse(
        `<iq type="set" id="p" from="me@localhost"><block xmlns="${NS}"><item jid="romeo@localhost"/></block></iq>`,
      ),
    );
    expect(push).toEqual({ from: 'me@localhost', action: 'block', jids: ['romeo@localhost'] });
    const all = parseBlockPush(parse(`<iq type="set" id="p"><unblock xmlns="${NS}"/></iq>`));
    expect(all).toEqual({ from: '', action: 'unblock', jids: [] });
    expect(parseBlockPush(parse(`<iq type="set" id="p"><block xmlns="${NS}"/></iq>`))).toBeNull();
  });

  it('carries a spam report in the block item (XEP-0377), naming the reported messages', () => {
    const el = parse(
      buildBlock(['Spammer@example.net/phone'], {
        reason: 'spam',
        stanzaIds: [{ id: 'a1', by: 'me@localhost' }],
      }).toString(),
    );
    const item = el.getChild('block', NS)?.getChild('item');
    expect(item?.attrs['jid']).toBe('spammer@example.net');
    const report = item?.getChild('report', 'urn:xmpp:reporting:1');
    expect(report?.attrs['reason']).toBe('urn:xmpp:reporting:spam');
    expect(report?.getChildren('stanza-id').map((s) => [s.attrs['by'], s.attrs['id']])).toEqual([
      ['me@localhost', 'a1'],
    ]);
    // A plain block carries nothing of the kind.
    expect(buildBlock(['x@example.net']).toString()).not.toContain('report');
  });
});
