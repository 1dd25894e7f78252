import { describe, expect, it } from 'vitest';
import { deriveKeys, type ScramCredentials, scramMechanism } from './scram';

// Test vectors from RFC 5802 section 5 (SHA-1) and RFC 7677 section 3 (SHA-256).
const V1 = {
  cnonce: 'fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  final: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
};
const V256 = {
  cnonce: 'rOprNGfwEbeRWgbNEkqO',
  serverFirst:
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  final:
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
};

async function run(mech: 'SCRAM-SHA-1' | 'SCRAM-SHA-256', v: typeof V1, cred: ScramCredentials) {
  const M = scramMechanism(mech, () => v.cnonce);
  const m = new M();
  const first = await m.response(cred);
  await m.challenge(v.serverFirst);
  return { first, final: await m.response(cred) };
}

describe('SCRAM on WebCrypto', () => {
  it('matches RFC 5802 for SCRAM-SHA-1', async () => {
    const r = await run('SCRAM-SHA-1', V1, { username: 'user', password: 'pencil' });
    expect(r.first).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    expect(r.final).toBe(V1.final);
  });

  it('matches RFC 7677 for SCRAM-SHA-256', async () => {
    const r = await run('SCRAM-SHA-256', V256, { username: 'user', password: 'pencil' });
    expect(r.final).toBe(V256.final);
  });

  it('signs in again from the kept keys alone, without the password', async () => {
    let kept: ScramCredentials['keys'];
    await run('SCRAM-SHA-1', V1, {
      username: 'user',
      password: 'pencil',
      onKeys: (k) => {
        kept = k;
      },
    });
    expect(JSON.stringify(kept)).not.toContain('pencil');
    const r = await run('SCRAM-SHA-1', V1, { username: 'user', ...(kept ? { keys: kept } : {}) });
    expect(r.final).toBe(V1.final);
  });

  it('refuses when the server changed salt and no password is given', async () => {
    const keys = await deriveKeys('SCRAM-SHA-1', 'pencil', 'AAAA', 4096);
    await expect(run('SCRAM-SHA-1', V1, { username: 'user', keys })).rejects.toThrow(/password/);
  });

  it('refuses a server nonce that does not extend ours', async () => {
    const bad = { ...V1, serverFirst: 'r=someoneelse,s=QSXCR+Q6sek8bf92,i=4096' };
    await expect(run('SCRAM-SHA-1', bad, { username: 'user', password: 'pencil' })).rejects.toThrow(
      /invalid/,
    );
  });
});
