/**
 * An Octokit plugin that counts every GitHub API request the app makes and records the rate-limit budget left,
 * added to the Octokit class Probot builds its clients from (so the gateway stays unaware of metrics).
 *
 * It wraps the whole request, outside Probot's retry and throttling plugins: a request retried after a 5xx counts
 * once, with its final status. Installation-token requests go through the auth strategy's own request function,
 * not through the client's hooks, so they are not counted.
 */
import { ProbotOctokit } from 'probot';
import type { Metrics } from './metrics.js';
import { table } from '../lint/table.js';

type Client = InstanceType<typeof ProbotOctokit>;
type Headers = Record<string, string | number | undefined>;

export function octokitWithMetrics(
  metrics: Pick<Metrics, 'githubRequest' | 'githubRateLimit'>,
): typeof ProbotOctokit {
  return ProbotOctokit.plugin((octokit: Pick<Client, 'hook'>) => {
    octokit.hook.wrap('request', async (request, options) => {
      const method = options.method;
      const route = routeLabel(options.url);
      let headers: Headers | undefined;
      let status: number | undefined;
      try {
        const response = await request(options);
        status = response.status;
        headers = response.headers;
        return response;
      } catch (err) {
        const failure = err as { status?: number; response?: { headers?: Headers } };
        status = failure.status;
        headers = failure.response?.headers;
        throw err;
      } finally {
        metrics.githubRequest(method, route, status);
        const remaining = Number(headers?.['x-ratelimit-remaining']);
        if (headers?.['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining))
          metrics.githubRateLimit(String(headers['x-ratelimit-resource'] ?? 'unknown'), remaining);
      }
    });
  });
}

/** Placeholder names for a number after these segments, as in Octokit's own route templates. */
const NUMBERED: Record<string, string> = table({
  pulls: '{pull_number}',
  issues: '{issue_number}',
  'check-runs': '{check_run_id}',
  'check-suites': '{check_suite_id}',
  comments: '{comment_id}',
  reviews: '{review_id}',
  installations: '{installation_id}',
  repositories: '{repository_id}',
});

/**
 * The route a request is labelled with. Octokit's methods pass their template (`/repos/{owner}/{repo}/pulls`), but
 * `octokit.paginate` passes absolute URLs — its first page expanded, the next ones GitHub's `next` links — and so
 * does GraphQL on GitHub Enterprise Server. Those are turned back into a template (owner and repo, numbers and
 * commit SHAs replaced by placeholders), which keeps the label's values few whatever the repositories.
 */
export function routeLabel(url: string): string {
  if (!/^https?:\/\//i.test(url)) return url.split('?')[0] ?? url;
  const path = new URL(url).pathname
    // GitHub Enterprise Server: REST under /api/v3, GraphQL at /api/graphql
    .replace(/^\/api(?:\/v3)?(?=\/)/, '')
    .replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}');
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      if (/^\d+$/.test(segment)) return NUMBERED[segments[i - 1] ?? ''] ?? '{id}';
      if (/^[0-9a-f]{40}$/.test(segment)) return '{sha}';
      return segment;
    })
    .join('/');
}
