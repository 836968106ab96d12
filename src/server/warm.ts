/**
 * What the server prepares before it takes webhooks, so that the first reviews after a start (often a burst: a
 * deploy, a queue drained) cost what a review costs, not what loading costs. Everything here is done once, on the
 * event loop the reviews will share: the lint workers load the engine and the shell parser; the config schemas are
 * compiled (ajv's compile is about 150 ms) and a config read once; Node's HTTP client (undici, with its WebAssembly
 * HTTP parser), which Node loads on the first `fetch`, is loaded by one request to a loopback server of its own.
 * Measured on the project's 2-core machine, the first ten of a burst of reviews otherwise paid about 250 ms more
 * than the next ten. bench/app-load.mjs prepares its app the same way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyConfigText, defaultConfig } from '../config/config.js';
import { warmConfigValidation } from '../config/validate.js';
import { sharedPool } from '../lint/pool.js';

/** Resolves when every lint worker is ready; never rejects for the HTTP client's sake (only the pool's). */
export async function warmUp(): Promise<void> {
  warmConfigValidation();
  applyConfigText(defaultConfig(), '.github/dockreview.yml', 'comment_on: warning\n');
  await Promise.all([sharedPool().warm(), warmHttpClient()]);
}

async function warmHttpClient(): Promise<void> {
  const server = createServer((_req, res) => res.end());
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer();
  } catch {
    /* only a saving is lost: the first review loads the client */
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
