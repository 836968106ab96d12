/** The logger the queue writes to: pino's shape (Probot's `probot.log` is one), narrowed to what the queue uses. */
import type { Probot } from 'probot';
import type { FlowLogger } from '../github/flow.js';

export interface QueueLogger extends FlowLogger {
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): QueueLogger;
}

/**
 * The Probot's logger, looked up when first used: Probot sets it up asynchronously after construction, so it may
 * not exist yet when the queue starts.
 */
export function probotLogger(probot: Probot, bindings: Record<string, unknown>): QueueLogger {
  let log: QueueLogger | undefined;
  const get = (): QueueLogger => (log ??= probot.log.child(bindings) as QueueLogger);
  return {
    debug: (obj, msg) => get().debug(obj, msg),
    info: (obj, msg) => get().info(obj, msg),
    warn: (obj, msg) => get().warn(obj, msg),
    error: (obj, msg) => get().error(obj, msg),
    child: (more) => probotLogger(probot, { ...bindings, ...more }),
  };
}
