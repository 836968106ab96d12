/** The action's inputs (`with:` in the workflow, `INPUT_*` in the environment), read and checked in one place. */
import * as core from '@actions/core';
import type { FailOn } from '../config/config.js';
import { hostShellcheckOptions, type HostShellcheckOptions } from '../config/host.js';
import { ActionError } from './context.js';

/** `conclusion` follows the review (the check run); a severity fails the step on any finding at or above it. */
export type StepFailOn = FailOn | 'conclusion';

export interface ActionInputs {
  /** Empty when not given: only a pull request review needs it. */
  token: string;
  /** A dockreview.yml or .hadolint.yaml in the workspace, for the workspace lint; empty: discovered. */
  config: string;
  failOn: StepFailOn;
  /** Where to write SARIF; empty: no SARIF. */
  sarifFile: string;
  /**
   * ShellCheck's executable and time limit, from the step's environment (DOCKREVIEW_SHELLCHECK,
   * DOCKREVIEW_SHELLCHECK_TIMEOUT_MS), never from the repository's config: read here so a wrong value fails the
   * step before any work.
   */
  shellcheck: HostShellcheckOptions;
}

const FAIL_ON: readonly StepFailOn[] = ['conclusion', 'error', 'warning', 'info', 'style', 'never'];

export function readInputs(): ActionInputs {
  const failOn = (core.getInput('fail-on') || 'conclusion') as StepFailOn;
  if (!FAIL_ON.includes(failOn))
    throw new ActionError(`the \`fail-on\` input must be one of ${FAIL_ON.join(', ')}, not \`${failOn}\``);
  return {
    token: core.getInput('token'),
    config: core.getInput('config'),
    failOn,
    sarifFile: core.getInput('sarif-file'),
    shellcheck: hostShellcheckOptions(process.env),
  };
}
