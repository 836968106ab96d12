/**
 * A Redis for the tests that need one: CI's (`DOCKREVIEW_TEST_REDIS_URL`, started by .ci/run), else a throwaway
 * redis-server on a free loopback port; a string says why there is none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function testRedis(): Promise<TestRedis | string> {
  const given = process.env.DOCKREVIEW_TEST_REDIS_URL;
  if (given) {
    for (let i = 0; i < 50; i++) {
      if (await answersPing(given)) return { url: given, stop: async () => undefined };
      await new Promise((r) => setTimeout(r, 100));
    }
    return `DOCKREVIEW_TEST_REDIS_URL=${given} does not answer PING`;
  }
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (err) {
    return `no redis-server to start (${(err as Error).message}); install it or set DOCKREVIEW_TEST_REDIS_URL`;
  }
  const url = `redis://127.0.0.1:${port}`;
  // it listens within milliseconds; give up after 10 s
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    if (await answersPing(url)) {
      return {
        url,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  return `redis-server on port ${port} did not answer PING`;
}
