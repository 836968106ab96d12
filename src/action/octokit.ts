/**
 * The action's Octokit: `@octokit/rest` with the workflow's token and the same retry and throttling plugins Probot
 * gives the app, so 5xx answers are retried and rate limits waited out the same way, and the app's installation
 * limiter in place of the plugin's second between writes: the token's writes one at a time, back to back, within
 * GitHub's 80 a minute and 500 an hour.
 */
import * as core from '@actions/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { GatewayOctokit } from '../github/gateway.js';
import { installationLimits, UNSPACED_WRITES } from '../server/throttle.js';

// added last, so the limiter wraps the plugins' retries as it does in the app
const ActionOctokit = Octokit.plugin(retry, throttling, installationLimits());

/** Plugin settings a caller may override (tests turn both off so that every request is exactly one request). */
export interface OctokitTuning {
  retry?: { enabled: boolean };
  throttle?: { enabled: false };
}

/** How many times a request that hit a rate limit is tried again before it fails. */
const RATE_LIMIT_RETRIES = 2;

export function createOctokit(token: string, baseUrl: string, tuning: OctokitTuning = {}): GatewayOctokit {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const again = retryCount < RATE_LIMIT_RETRIES;
      core.info(
        `${kind} rate limit on ${options.method} ${options.url}${again ? `: trying again in ${retryAfter} s` : ''}`,
      );
      return again;
    };
  return new ActionOctokit({
    auth: token,
    baseUrl,
    userAgent: 'dockreview-action',
    // Octokit's own lines (one per request, failures included) go to the step log, never to stderr as errors: a
    // refused check run is expected with a read-only token, and the action says what it means
    log: { debug: core.debug, info: core.debug, warn: core.info, error: core.info },
    retry: tuning.retry ?? { enabled: true },
    throttle: tuning.throttle ?? {
      // one token, so one key for the installation limiter and the plugin's own limiters
      id: 'action',
      write: UNSPACED_WRITES,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
}
