/**
 * The shells of the POSIX family, by executable name: each runs `-c` scripts, script files and piped scripts the
 * same way, which is what the rules that look for a shell (`sh -c`, `sh install.sh`, `curl … | sh`, `SHELL`) ask.
 */
export const POSIX_SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
