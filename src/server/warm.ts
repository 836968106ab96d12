/**
 * What the server prepares before it takes webhooks, so that the first reviews after a start (often a burst: a
 * deploy, a queue drained) cost what a review costs: the lint workers load the engine and the shell parser, and the
 * config schemas are compiled (ajv's compile is about 150 ms on one core, which every review waiting on the same
 * event loop would otherwise share). bench/app-load.mjs prepares its app the same way.
 */
import { warmConfigValidation } from '../config/validate.js';
import { sharedPool } from '../lint/pool.js';

/** Compiles the config schemas now, and resolves when every lint worker is ready. */
export function warmUp(): Promise<void> {
  warmConfigValidation();
  return sharedPool().warm();
}
