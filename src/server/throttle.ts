/**
 * One rate limiter per installation. Probot gives the Octokit of a webhook event no `throttle.id` (only
 * `probot.auth(id)` sets one), so every installation's requests would share one limiter — and the throttling plugin
 * spaces writes (GraphQL queries included) a second apart per limiter, which caps the whole app at about one write a
 * second: 0.3 reviews/s in `bench/app-load.mjs`. GitHub's limits are per installation; so are ours.
 */
import type { ProbotOctokit } from 'probot';

interface ThrottledOptions {
  auth?: { installationId?: number | string };
  throttle?: { enabled?: boolean; id?: string };
}

export function throttledPerInstallation(Octokit: typeof ProbotOctokit): typeof ProbotOctokit {
  // the function form runs after Probot's own defaults, so the id survives its shallow merges
  return Octokit.defaults((options: ThrottledOptions) => {
    const installationId = options.auth?.installationId;
    if (installationId === undefined || options.throttle?.enabled === false) return options;
    return { ...options, throttle: { ...options.throttle, id: String(installationId) } };
  }) as typeof ProbotOctokit;
}
