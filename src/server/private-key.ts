/**
 * The app's private key, checked before the server starts: a key Probot reads but cannot sign with would let the
 * server start, answer /healthz, and fail on the first webhook. The usual cause is the key Probot writes to `.env`
 * (one line, in quotes, `\n` for newlines) copied as it is into Docker's `--env-file` or a Kubernetes secret, which
 * keep the quotes. docs/deploy.md gives the command that turns it into what both take.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { getPrivateKey } from '@probot/get-private-key';

/** Why the key Probot would use cannot sign (one line, naming the variable), or undefined when it can or when there is none. */
export function privateKeyProblem(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string | undefined {
  const source = env.PRIVATE_KEY
    ? 'PRIVATE_KEY'
    : env.PRIVATE_KEY_PATH
      ? `PRIVATE_KEY_PATH (${env.PRIVATE_KEY_PATH})`
      : 'the .pem file in the working directory';
  const hint =
    "a key copied from Probot's .env keeps its quotes in Docker's --env-file and Kubernetes secrets: pass it base64-encoded on one line (docs/deploy.md)";
  let pem: string | null;
  try {
    // what Probot itself reads: PRIVATE_KEY (PEM, `\n`-escaped or base64), PRIVATE_KEY_PATH, or one .pem here
    pem = getPrivateKey({ env, cwd });
  } catch (err) {
    return `${source} cannot be read as a private key (${(err as Error).message.replace(/^\[[^\]]*\] /, '')}); ${hint}`;
  }
  // no key at all: Probot decides (its registration page, or its own refusal in production)
  if (pem === null) return undefined;
  try {
    sign('sha256', Buffer.from('dockreview'), createPrivateKey(pem));
    return undefined;
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    return `${source} is not a private key the app can sign its GitHub tokens with (${reason}); ${hint}`;
  }
}
