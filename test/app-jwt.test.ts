/**
 * The app's JWT (src/server/app-jwt.ts): claims and signature as GitHub checks them, one signature reused across
 * installation-token requests until a minute before it expires, and Probot's Octokits given the shared maker in
 * place of the private key (@octokit/auth-app refuses both at once).
 */
import { createPublicKey, verify } from 'node:crypto';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { cachedAppJwt, withCachedAppJwt } from '../src/server/app-jwt.js';
import { testPrivateKey } from './helpers/payloads.js';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

function decode(jwt: string): {
  header: unknown;
  claims: { iat: number; exp: number; iss: unknown };
  ok: boolean;
} {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const read = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(testPrivateKey()),
    Buffer.from(signature, 'base64url'),
  );
  return { header: read(header), claims: read(payload) as { iat: number; exp: number; iss: unknown }, ok };
}

describe('cachedAppJwt', () => {
  it('signs RS256 with the key: issued 30 s back, valid 10 minutes, issued by the app', async () => {
    const { jwt, expiresAt } = await cachedAppJwt(testPrivateKey(), () => T0)(1234);
    const { header, claims, ok } = decode(jwt);
    expect(ok).toBe(true);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toEqual({ iat: T0 / 1000 - 30, exp: T0 / 1000 - 30 + 600, iss: 1234 });
    expect(expiresAt).toBe(new Date((T0 / 1000 - 30 + 600) * 1000).toISOString());
  });

  it('reuses one token until a minute before it expires, then signs a new one', async () => {
    let now = T0;
    const make = cachedAppJwt(testPrivateKey(), () => now);
    const first = (await make(1)).jwt;
    now = T0 + 8 * 60_000; // 8 of its 10 minutes gone (it was issued 30 s back): 90 s left
    expect((await make(1)).jwt).toBe(first);
    now = T0 + 8 * 60_000 + 31_000; // 59 s left
    const second = (await make(1)).jwt;
    expect(second).not.toBe(first);
    expect(decode(second).claims.iat).toBe(now / 1000 - 30);
  });

  it('follows the clock difference GitHub reported, and reads a key whose line breaks are written `\\n`', async () => {
    const escaped = testPrivateKey().replace(/\n/g, '\\n');
    const make = cachedAppJwt(escaped, () => T0);
    const { claims, ok } = decode((await make('Iv1.client', -120)).jwt);
    expect(ok).toBe(true);
    expect(claims).toEqual({ iat: T0 / 1000 - 120 - 30, exp: T0 / 1000 - 120 - 30 + 600, iss: 'Iv1.client' });
  });
});

describe('withCachedAppJwt', () => {
  it("gives Probot's Octokits the key's one token maker instead of the key", async () => {
    const Octokit = withCachedAppJwt(ProbotOctokit);
    const options = { auth: { appId: 7, privateKey: testPrivateKey() } };
    const a = new Octokit(options);
    const b = new Octokit(options);
    const tokenA = ((await a.auth({ type: 'app' })) as { token: string }).token;
    const tokenB = ((await b.auth({ type: 'app' })) as { token: string }).token;
    expect(tokenB).toBe(tokenA); // signed once
    expect(decode(tokenA)).toMatchObject({ ok: true, claims: { iss: 7 } });
    // an Octokit that already has a maker and gets the key again (an installation's) keeps working
    const c = new Octokit({
      auth: { ...options.auth, createJwt: () => Promise.reject(new Error('not used')) },
    });
    expect(((await c.auth({ type: 'app' })) as { token: string }).token).toBe(tokenA);
  });
});
