/** Files that are not meant to be read as they stand: links checked out as text, YAML templates. */

/** What a file that is not meant to be read as it stands looks like. */
export type NotAFile = { kind: 'template'; line: number } | { kind: 'link'; target: string };

/**
 * A symbolic link checked out as a plain file (git writes the link's target: one word, no newline), or, for
 * YAML, a Jinja/cookiecutter template (a `{{ }}` or `{% %}` pair on a line): such files are resolved or rendered
 * before anyone uses them, so their syntax is not the author's mistake. A Dockerfile's template tags are found
 * by its rule, where an instruction would start. Linear scans only: the text may come from a pull request.
 */
export function notAFile(text: string, yaml: boolean): NotAFile | null {
  // one word cannot be a Dockerfile (an instruction takes arguments) nor a Compose file (a scalar)
  if (text.length > 0 && text.length <= 1024 && !/\s/.test(text) && /[/.]/.test(text))
    return { kind: 'link', target: text };
  if (!yaml) return null;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const row = text.slice(start, end);
    const open = row.search(/\{[{%#]/);
    if (open >= 0 && /[}%#]\}/.test(row.slice(open + 2))) return { kind: 'template', line };
    start = end + 1;
  }
  return null;
}
