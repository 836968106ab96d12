import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../types.js';
import { runCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

interface Use {
  tool: 'curl' | 'wget';
  at: Span;
  line: number;
}

const DOWNLOADERS = new Set(['curl', 'wget']);

/** The image an instruction's effects end up in: a shipped stage, or (ONBUILD) the image built from this one. */
function shipped(ins: Instruction): boolean {
  return (ins.onbuild ?? ins).stage?.shipped ?? false;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Two downloaders in the image that ships: both must be installed and patched, where one would do. */
export default defineRule({
  id: 'curl-or-wget',
  aliases: ['DL4001', 'DS-0014'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'both `curl` and `wget` used in the image that ships',
  why: '`curl` and `wget` do the same job; using both means two tools (and their libraries) installed, scanned and patched in the image where one would do.',
  check({ model, report }) {
    const uses: Use[] = [];
    for (const { inv, instruction } of runCommands(model)) {
      if (!DOWNLOADERS.has(inv.tool) || !shipped(instruction)) continue;
      const at = { start: inv.toolWord.start, end: inv.toolWord.end };
      uses.push({ tool: inv.tool as Use['tool'], at, line: model.source.positionAt(at.start).line });
    }
    for (const ins of model.each('RUN')) {
      // exec form: `RUN ["curl", "-fsSLO", "…"]`
      const first = ins.json?.[0];
      if (!first || !shipped(ins)) continue;
      const tool = basename(first.value);
      if (DOWNLOADERS.has(tool)) uses.push({ tool: tool as Use['tool'], at: first.span, line: ins.line });
    }
    const curl = uses.filter((u) => u.tool === 'curl');
    const wget = uses.filter((u) => u.tool === 'wget');
    if (curl.length === 0 || wget.length === 0) return;
    // flag the tool used less (on a tie, the one that came in later): that is the one to replace
    // reduce, not Math.min(...): a file may have more uses than a call takes arguments
    const firstStart = (list: Use[]): number => list.reduce((m, u) => Math.min(m, u.at.start), Infinity);
    const wgetIsOdd =
      wget.length < curl.length || (wget.length === curl.length && firstStart(wget) > firstStart(curl));
    const [odd, kept] = wgetIsOdd ? [wget, curl] : [curl, wget];
    const keptLine = kept.reduce((m, u) => Math.min(m, u.line), Infinity);
    for (const u of odd) {
      report({
        at: u.at,
        message: `${code(u.tool)} is used here but the shipped image already uses ${code(kept[0]!.tool)} (line ${keptLine}): do this download with ${code(kept[0]!.tool)} too and install only one of them.`,
      });
    }
  },
});
