/**
 * The app's JSON Web Token, signed once and reused until shortly before it expires. @octokit/auth-app signs a new
 * one for every installation access token it requests, importing the PEM private key each time: about 4 ms of the
 * event loop on the project's machine, which a burst of reviews for many installations paid once per review.
 * Claims as GitHub documents them (and as @octokit/auth-app writes them): issued 30 s in the past against clock
 * drift, valid 10 minutes, issued by the app.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { ProbotOctokit } from 'probot';

/** How long a token lives, in seconds (GitHub's maximum), and how long before expiry a new one is signed. */
const LIFETIME_S = 600;
const RENEW_BEFORE_S = 60;

export type CreateJwt = (
  appId: string | number,
  timeDifference?: number,
) => Promise<{ jwt: string; expiresAt: string }>;

/** A `createJwt` for @octokit/auth-app: signs with `privateKey` (PEM), reuses a token until a minute before expiry. */
export function cachedAppJwt(privateKey: string, now: () => number = Date.now): CreateJwt {
  let key: KeyObject | undefined;
  const issued = new Map<string, { jwt: string; exp: number }>();
  return (appId, timeDifference = 0) => {
    const nowS = Math.floor(now() / 1000) + timeDifference;
    const id = `${appId}\0${timeDifference}`;
    let token = issued.get(id);
    if (!token || token.exp - RENEW_BEFORE_S <= nowS) {
      // private keys given in an environment variable often have their line breaks written as `\n`
      key ??= createPrivateKey(privateKey.replace(/\\n/g, '\n'));
      const iat = nowS - 30;
      const exp = iat + LIFETIME_S;
      const body = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ iat, exp, iss: appId })}`;
      token = { jwt: `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`, exp };
      issued.clear(); // one app, one clock: nothing older is used again
      issued.set(id, token);
    }
    return Promise.resolve({ jwt: token.jwt, expiresAt: new Date(token.exp * 1000).toISOString() });
  };
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

interface AppAuthOptions {
  auth?: { appId?: string | number; privateKey?: string; createJwt?: CreateJwt } & Record<string, unknown>;
}

/**
 * The Octokit class with app authentication through `cachedAppJwt`: Probot gives every Octokit it makes the app's
 * id and private key (an installation's Octokit gets them again, beside the `createJwt` of the Octokit that made
 * it); this gives each one the token maker of its key instead, shared by every Octokit of that key.
 */
export function withCachedAppJwt(Octokit: typeof ProbotOctokit): typeof ProbotOctokit {
  const makers = new Map<string, CreateJwt>();
  return Octokit.defaults((options: AppAuthOptions) => {
    const auth = options.auth;
    if (!auth || typeof auth.privateKey !== 'string' || auth.appId === undefined) return options;
    const { privateKey, createJwt: _replaced, ...rest } = auth;
    let createJwt = makers.get(privateKey);
    if (!createJwt) makers.set(privateKey, (createJwt = cachedAppJwt(privateKey)));
    return { ...options, auth: { ...rest, createJwt } };
  }) as typeof ProbotOctokit;
}
