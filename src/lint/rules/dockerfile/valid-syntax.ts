import { KNOWN_INSTRUCTIONS, type DockerfileModel, type Instruction } from '../../dockerfile/model.js';
import { defineRule, type Report } from '../../rule.js';
import type { Span } from '../../types.js';
import { code } from '../../quote.js';
import { editDistance } from '../../text.js';
import { notAFile } from '../../not-a-file.js';

/** The flags each instruction accepts (BuildKit, stable and labs), and which may be repeated. */
const FLAGS: Record<string, readonly string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};
const REPEATABLE = new Set(['mount', 'exclude', 'device']);
const HEREDOC_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface AstHeredocEnd {
  getName(): string;
  getNameRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getDelimiterRange(): unknown;
}

/** The known keyword closest to a misspelt one, when it is one or two edits away. */
function didYouMean(word: string): string | null {
  const w = word.toUpperCase();
  let best: string | null = null;
  // one typo in a short word, two in a longer one
  let bestDistance = w.length <= 4 ? 2 : 3;
  for (const k of KNOWN_INSTRUCTIONS) {
    const d = editDistance(w, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Problems the model does not collect: argument shapes, flags, heredocs, ONBUILD triggers. */
function checkInstruction(model: DockerfileModel, ins: Instruction, report: (r: Report) => void): void {
  const k = ins.keyword;
  const known = FLAGS[k];
  if (known) {
    const seen = new Set<string>();
    for (const flag of ins.flags) {
      const name = flag.name.toLowerCase();
      if (!known.includes(name)) {
        report({
          at: flag.span,
          messageId: 'unknownFlag',
          data: {
            instruction: code(k),
            flag: code(`--${flag.name}`),
            known: known.map((f) => code(`--${f}`)).join(', '),
          },
        });
      } else if (seen.has(name) && !REPEATABLE.has(name)) {
        report({
          at: flag.span,
          messageId: 'repeatedFlag',
          data: { flag: code(`--${flag.name}`), instruction: code(k) },
        });
      }
      seen.add(name);
    }
  }
  if (k === 'FROM' && ins.args.length > 0) {
    const n = ins.args.length;
    if (n === 2 || n > 3 || (n === 3 && ins.args[1]!.value.toUpperCase() !== 'AS')) {
      const extra = ins.args[1]!;
      report({
        at: { start: extra.span.start, end: ins.args[n - 1]!.span.end },
        messageId: 'fromArgs',
        data: {
          extra: code(
            ins.args
              .slice(1)
              .map((a) => a.value)
              .join(' '),
          ),
        },
      });
    }
  }
  if ((k === 'COPY' || k === 'ADD') && ins.heredocs.length === 0 && ins.args.length === 1 && !ins.json) {
    report({
      at: ins.args[0]!.span,
      messageId: 'copyOneArg',
      data: { instruction: code(k), arg: code(ins.args[0]!.value) },
    });
  }
  if (k === 'ENV' || k === 'LABEL') {
    for (const pair of ins.pairs) {
      if (pair.value === null) {
        report({
          at: pair.nameSpan,
          messageId: 'noValue',
          data: { pair: code(`${k} ${pair.name}`), fix: code(`${pair.name}=<value>`) },
        });
      }
    }
  }
  if (k === 'HEALTHCHECK' && ins.args.length > 0) {
    const type = ins.args[0]!;
    const t = type.value.toUpperCase();
    if (t === 'NONE' && ins.args.length > 1) {
      report({
        at: { start: ins.args[1]!.span.start, end: ins.args[ins.args.length - 1]!.span.end },
        messageId: 'healthcheckNoneArgs',
      });
    } else if (t === 'CMD' && ins.args.length === 1) {
      report({ at: type.span, messageId: 'healthcheckNoCommand' });
    } else if (t !== 'NONE' && t !== 'CMD') {
      report({
        at: type.span,
        messageId: 'healthcheckType',
        data: { type: code(type.value) },
      });
    }
  }
  if (k === 'ONBUILD') {
    const trig = ins.trigger;
    if (!trig)
      report({
        at: ins.keywordSpan,
        messageId: 'onbuildEmpty',
      });
    else if (!KNOWN_INSTRUCTIONS.has(trig.keyword)) unknownInstruction(trig, report);
    else if (trig.args.length === 0 && trig.heredocs.length === 0) {
      report({
        at: trig.keywordSpan,
        messageId: 'onbuildNoArgs',
        data: { trigger: code(`ONBUILD ${trig.keyword}`) },
      });
    }
  }
  // `RUN <<EOF` whose closing `EOF` never comes: the builder reads the rest of the file into the heredoc
  // dockerfile-ast re-reads every argument to find heredocs: ask only when the text can hold one
  const mayHold = model.source.text.slice(ins.span.start, ins.span.end).includes('<<');
  let heredocs: AstHeredocEnd[] = [];
  try {
    if (mayHold)
      heredocs = (ins.ast as unknown as { getHeredocs?: () => AstHeredocEnd[] }).getHeredocs?.() ?? [];
  } catch {
    // dockerfile-ast throws on some malformed openers (`RUN <<-'A<<-'A'`); the model reads them as no heredoc
  }
  for (const h of heredocs) {
    if (h.getDelimiterRange() !== null || !HEREDOC_NAME.test(h.getName())) continue;
    const r = h.getNameRange();
    const src = model.source;
    report({
      at: {
        start: src.offsetAt(r.start.line, r.start.character),
        end: src.offsetAt(r.end.line, r.end.character),
      },
      messageId: 'heredocOpen',
      data: { name: code(h.getName()) },
    });
  }
}

function unknownInstruction(
  ins: Instruction,
  report: (r: Report) => void,
  span: Span = ins.keywordSpan,
): void {
  const guess = didYouMean(ins.written);
  report({
    at: span,
    messageId: 'unknownInstruction',
    data: { instruction: code(ins.written), guess: guess ? ` (did you mean ${code(guess)}?)` : '' },
  });
}

/** What the builder refuses to parse. */
export default defineRule({
  id: 'valid-syntax',
  aliases: ['DL1000'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: 'Dockerfile syntax the builder rejects',
  why: 'The builder stops at the first syntax error, so nothing after it is built; catching it in review saves a failed pipeline.',
  messages: {
    unknownFlag: '{{instruction}} has no flag {{flag}}; it takes {{known}}.',
    repeatedFlag: '{{flag}} is given twice on this {{instruction}}; the builder rejects repeated flags.',
    fromArgs: '`FROM` takes an image and optionally `AS <name>`, not {{extra}}.',
    copyOneArg: '{{instruction}} needs a source and a destination, but only {{arg}} is given.',
    noValue: '{{pair}} has no value: write {{fix}}.',
    healthcheckNoneArgs: '`HEALTHCHECK NONE` takes no arguments.',
    healthcheckNoCommand: '`HEALTHCHECK CMD` needs a command to run.',
    healthcheckType: '`HEALTHCHECK` takes `CMD <command>` or `NONE`, not {{type}}.',
    onbuildEmpty: '`ONBUILD` needs an instruction to register, such as `ONBUILD RUN …`.',
    onbuildNoArgs: '{{trigger}} needs arguments.',
    heredocOpen: 'The heredoc {{name}} is never closed: add a line with only {{name}} after its body.',
    unknownInstruction: 'Unknown instruction {{instruction}}{{guess}}.',
    symlink:
      'This file holds only the path {{target}}: it looks like a symbolic link checked out as a plain file, not a Dockerfile, so it was not linted.',
    template:
      'This file looks like a template, not a Dockerfile ({{tag}} on line {{line}} is a template tag): its syntax was not checked; lint the rendered file instead.',
    // what the parser says, as a sentence
    parse: '{{problem}}.',
    noFrom: 'This Dockerfile has no `FROM`, so there is no image to build.',
  },
  check({ model, report }) {
    // a template or a checked-out symlink is not what gets built: one finding says so, instead of one error for
    // every template line (a Jinja-heavy file gave 200)
    const link = notAFile(model.source.text, false);
    if (link?.kind === 'link') {
      report({
        at: { start: 0, end: model.source.text.length },
        severity: 'info',
        messageId: 'symlink',
        data: { target: code(link.target) },
      });
      return;
    }
    const tag = model.instructions.find((i) => /^\{[{%#]/.test(i.written));
    if (tag) {
      report({
        at: tag.keywordSpan,
        severity: 'info',
        messageId: 'template',
        data: { tag: code(tag.written), line: tag.line },
      });
      return;
    }
    for (const problem of model.problems) {
      const unknown = model.instructions.find(
        (i) => i.keywordSpan.start === problem.span.start && !KNOWN_INSTRUCTIONS.has(i.keyword),
      );
      if (unknown) unknownInstruction(unknown, report, problem.span);
      else
        report({
          at: problem.span,
          messageId: 'parse',
          data: { problem: sentence(problem.message.replace(/\.$/, '')) },
        });
    }
    if (model.stages.length === 0) {
      const end = model.source.lineEnd(1);
      report({
        at: { start: 0, end },
        messageId: 'noFrom',
      });
    }
    for (const ins of model.instructions) {
      if (!KNOWN_INSTRUCTIONS.has(ins.keyword)) continue;
      checkInstruction(model, ins, report);
      if (ins.trigger && ins.trigger.keyword !== 'ONBUILD' && KNOWN_INSTRUCTIONS.has(ins.trigger.keyword))
        checkInstruction(model, ins.trigger, report);
    }
  },
});
