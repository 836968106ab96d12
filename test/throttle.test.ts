/**
 * The server's Octokit class gives each installation its own rate limiter: the options the throttling plugin sees
 * carry `throttle.id` = the installation id, whatever Probot's defaults merged before.
 */
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { throttledPerInstallation } from '../src/server/throttle.js';

function optionsSeenByPlugins(options: Record<string, unknown>): Record<string, unknown> {
  let seen: Record<string, unknown> = {};
  const Capturing = throttledPerInstallation(ProbotOctokit).plugin(
    (_octokit: unknown, o: Record<string, unknown>) => {
      seen = o;
      return {};
    },
  );
  new Capturing(options);
  return seen;
}

describe('throttledPerInstallation', () => {
  it('keys the limiter by the installation of an event Octokit', () => {
    const o = optionsSeenByPlugins({ auth: { token: 'x', installationId: 4242 } });
    expect(o.throttle).toMatchObject({ enabled: true, id: '4242' });
  });

  it('leaves the app-level Octokit (no installation) and disabled throttling alone', () => {
    expect((optionsSeenByPlugins({ auth: { token: 'x' } }).throttle as { id?: string }).id).toBeUndefined();
    expect(
      optionsSeenByPlugins({ auth: { token: 'x', installationId: 7 }, throttle: { enabled: false } })
        .throttle,
    ).not.toHaveProperty('id');
  });
});
