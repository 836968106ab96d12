/**
 * `GET /healthz`: liveness for a load balancer or an orchestrator. It never calls GitHub (a GitHub outage must not
 * get every instance restarted); it answers 503 once shutdown has begun, so the instance is drained.
 */
import { packageVersion } from '../version.js';

export interface HealthState {
  /** True from the shutdown signal on. */
  readonly draining: boolean;
}

export interface HealthBody {
  status: 'ok' | 'shutting down';
  version: string;
  /** Seconds since the process started. */
  uptime: number;
}

export const VERSION: string = packageVersion();

export function health(state: HealthState): { status: number; body: HealthBody } {
  const body: HealthBody = {
    status: state.draining ? 'shutting down' : 'ok',
    version: VERSION,
    uptime: Math.round(process.uptime() * 1000) / 1000,
  };
  return { status: state.draining ? 503 : 200, body };
}
