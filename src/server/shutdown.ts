/**
 * Graceful shutdown on SIGTERM/SIGINT: /healthz turns 503 at once, the listener stays open for the configured
 * delay (a load balancer needs a moment to notice), then each step runs in order — stop accepting connections and
 * wait for the deliveries in flight, close the queue — and the process exits 0. Past the deadline it exits 1 with a
 * log line saying what was still running; a second signal exits 1 at once.
 */
export interface ShutdownLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface ShutdownOptions {
  log: ShutdownLogger;
  timeoutMs: number;
  delayMs: number;
  /** Called as soon as the signal arrives (the server starts answering /healthz with 503). */
  begin(): void;
  steps: readonly ShutdownStep[];
  /** What is still running, for the deadline's log line. */
  pending(): object;
  exit(code: number): void;
}

export function createShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const { log } = options;
  let started = false;
  let exited = false;
  const exit = (code: number): void => {
    if (exited) return;
    exited = true;
    options.exit(code);
  };
  return async (signal) => {
    if (started) {
      log.error({ signal, ...options.pending() }, `second ${signal} during shutdown: exiting now`);
      exit(1);
      return;
    }
    started = true;
    options.begin();
    log.info(
      { signal, delayMs: options.delayMs, timeoutMs: options.timeoutMs, ...options.pending() },
      `${signal} received: draining`,
    );
    const deadline = setTimeout(() => {
      log.error(
        { signal, timeoutMs: options.timeoutMs, ...options.pending() },
        `shutdown did not finish within ${options.timeoutMs / 1000} s: exiting anyway`,
      );
      exit(1);
    }, options.timeoutMs);
    try {
      if (options.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      for (const step of options.steps) {
        await step.run();
        log.info({ step: step.name }, `shutdown: ${step.name} done`);
      }
    } catch (err) {
      clearTimeout(deadline);
      log.error({ err }, 'shutdown failed');
      exit(1);
      return;
    }
    clearTimeout(deadline);
    log.info({ signal }, 'shutdown complete');
    exit(0);
  };
}
