import { describe, expect, it } from 'vitest';
import { bareJid, isValidBareJid, parseJid, resourceOf, sameBare } from './jid';

describe('parseJid', () => {
  it('splits local, domain and resource, lowercasing the first two only', () => {
    expect(parseJid('Juliet@Capulet.LIT/Balcony')).toEqual({
      local: 'juliet',
      domain: 'capulet.lit',
      resource: 'Balcony',
    });
    expect(parseJid('capulet.lit')).toEqual({ local: '', domain: 'capulet.lit', resource: '' });
  });

  it('keeps "@" and "/" inside the resource', () => {
    expect(parseJid('room@muc.lit/nick@home/x')?.resource).toBe('nick@home/x');
  });

  it('allows spaces in a resource (MUC nicknames) but not elsewhere', () => {
    expect(parseJid('room@muc.lit/Romeo Montague')?.resource).toBe('Romeo Montague');
    expect(parseJid('ro meo@montague.lit')).toBeNull();
    expect(parseJid('romeo@monta gue.lit')).toBeNull();
  });

  it('strips one trailing dot from the domain', () => {
    expect(bareJid('romeo@montague.lit.')).toBe('romeo@montague.lit');
  });

  it('accepts IPv6 literals and non-ASCII domains', () => {
    expect(parseJid('me@[::1]')?.domain).toBe('[::1]');
    expect(parseJid('Ἀχιλλεύς@δοκιμή.example')?.domain).toBe('δοκιμή.example');
  });

  it.each([
    ['', 'empty'],
    ['@capulet.lit', 'empty local'],
    ['juliet@', 'empty domain'],
    ['juliet@capulet.lit/', 'empty resource'],
    ['a@b@capulet.lit', 'two @ before the domain'],
    ['/resource', 'no domain'],
    ['juliet@capu..let.lit', 'empty label'],
    ['juliet@capulet:5222', 'port'],
    ['ju<liet@capulet.lit', 'forbidden local character'],
    ["ju'liet@capulet.lit", 'apostrophe in local'],
    ['juliet@capulet.lit/bal\u0000cony', 'NUL in resource'],
    ['juliet\u0007@capulet.lit', 'control character'],
    ['juliet@capulet.lit/\ud800', 'lone surrogate'],
    ['juliet@[not-ip]', 'bad IP literal'],
    [`${'a'.repeat(1024)}@capulet.lit`, 'local over 1023 bytes'],
    [`${'é'.repeat(600)}@capulet.lit`, 'local over 1023 UTF-8 bytes'],
    [`juliet@capulet.lit/${'r'.repeat(1024)}`, 'resource over 1023 bytes'],
    [`${'中'.repeat(342)}@capulet.lit`, 'local of 342 CJK characters (1,026 bytes)'],
    [`${'😀'.repeat(256)}@capulet.lit`, 'local of 256 emoji (1,024 bytes)'],
    ['juliet\u3000@capulet.lit', 'ideographic space in local'],
    ['juliet@capulet\u00a0lit', 'no-break space in domain'],
    ['juliet@.capulet.lit', 'empty first label'],
    ['juliet@capulet.lit\ud83d', 'lone high surrogate at the end'],
    ['juliet@\udc00capulet.lit', 'lone low surrogate'],
  ])('refuses %j (%s)', (s) => {
    expect(parseJid(s)).toBeNull();
  });

  it('counts UTF-8 bytes at the limit: 341 CJK characters or 255 emoji are a localpart', () => {
    expect(parseJid(`${'中'.repeat(341)}@capulet.lit`)?.local).toHaveLength(341);
    expect(parseJid(`${'😀'.repeat(255)}@capulet.lit`)?.local).toHaveLength(510);
    expect(parseJid('张伟@例子.中国/手机 1')).toEqual({
      local: '张伟',
      domain: '例子.中国',
      resource: '手机 1',
    });
    expect(parseJid('room@muc.lit/Nick\u3000Name')?.resource).toBe('Nick\u3000Name');
  });

  it('refuses non-strings without throwing', () => {
    expect(parseJid(undefined as unknown as string)).toBeNull();
    expect(parseJid(42 as unknown as string)).toBeNull();
  });
});

describe('bareJid / resourceOf', () => {
  it('drops the resource and normalizes case', () => {
    expect(bareJid('Juliet@Capulet.lit/Balcony')).toBe('juliet@capulet.lit');
    expect(resourceOf('Juliet@Capulet.lit/Balcony')).toBe('Balcony');
    expect(resourceOf('juliet@capulet.lit')).toBe('');
  });

  it("gives '' for what is not a JID", () => {
    expect(bareJid('not a jid')).toBe('');
    expect(resourceOf('not a jid/res')).toBe('');
  });
});

describe('isValidBareJid', () => {
  it('accepts bare JIDs, including a lone domain', () => {
    expect(isValidBareJid('juliet@capulet.lit')).toBe(true);
    expect(isValidBareJid('capulet.lit')).toBe(true);
  });
  it('refuses full JIDs and garbage', () => {
    expect(isValidBareJid('juliet@capulet.lit/balcony')).toBe(false);
    expect(isValidBareJid('juliet@@capulet.lit')).toBe(false);
    expect(isValidBareJid('')).toBe(false);
  });
});

describe('sameBare', () => {
  it('compares accounts ignoring case and resource', () => {
    expect(sameBare('Juliet@capulet.lit/a', 'juliet@CAPULET.lit/b')).toBe(true);
    expect(sameBare('juliet@capulet.lit', 'romeo@montague.lit')).toBe(false);
  });
  it('never matches two invalid JIDs', () => {
    expect(sameBare('', '')).toBe(false);
    expect(sameBare('a b', 'a b')).toBe(false);
  });
  it('does not confuse a domain with a user on it', () => {
    expect(sameBare('capulet.lit', 'juliet@capulet.lit')).toBe(false);
  });
});
