/** dockreview's own version, for `--version`, SARIF's tool and `/healthz`. */
import { readFileSync } from 'node:fs';

let version: string | undefined;

/** package.json sits one level above both src/ and dist/; a copy without it reports 0.0.0. */
export function packageVersion(): string {
  if (version === undefined) {
    try {
      version = (
        JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
      ).version;
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
