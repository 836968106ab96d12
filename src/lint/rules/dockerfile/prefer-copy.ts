import { defineRule } from '../../rule.js';
import { copyOperands, unquoteOperand } from '../../dockerfile/copy.js';
import { matchKeywordCase } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';

/** Flags COPY also has; any other ADD flag (`--checksum`, `--keep-git-dir`, `--unpack`…) means ADD is meant. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);
const URL = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** Names ADD may unpack: tar, and single-file compression that may wrap a tar. */
const ARCHIVE = /\.(tar|tgz|taz|tb2|tbz2?|txz|tzst|tlz|tz|gz|bz2|xz|zst|lz|lz4|lzma|z)$/i;
const GLOB = /[*?[]/;

/** ADD of plain local files does what COPY does, with surprises (auto-extraction, URLs) the reader must rule out. */
export default defineRule({
  id: 'prefer-copy',
  aliases: ['DL3020', 'CKV_DOCKER_4', 'DS-0005'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`ADD` of local files or directories that `COPY` would copy the same way',
  why: '`ADD` also downloads URLs and unpacks tar archives; for plain local files `COPY` does the same job and says exactly what happens, so nobody has to wonder whether something gets extracted or fetched.',
  messages: {
    localFiles:
      '{{keyword}} of local {{sources}} neither unpacks nor downloads anything: use `COPY`, which says just that.',
    maybeArchive:
      '{{keyword}} of {{sources}} only copies local files, unless the pattern matches a tar archive it should unpack: use `COPY` if it does not.',
  },
  check({ model, report }) {
    for (const ins of model.each('ADD')) {
      if (ins.heredocs.length > 0 || ins.flags.some((f) => !COPY_FLAGS.has(f.name.toLowerCase()))) continue;
      const ops = copyOperands(ins);
      if (!ops) continue;
      // `ADD "app.tgz" /x/` names app.tgz: the builder drops the quotes before deciding to unpack or download
      const sources = ops.sources.map(unquoteOperand);
      if (sources.some((s) => URL.test(s) || ARCHIVE.test(s) || s.includes('$'))) continue;
      const list = sources.map((s) => code(s)).join(', ');
      // `ADD files/* /x/` may match a tarball that ADD would unpack: flag, but let the author switch
      const maybeArchive = sources.some((s) => GLOB.test(s) && /[*?\]]$/.test(s));
      report({
        at: ins.keywordSpan,
        messageId: maybeArchive ? 'maybeArchive' : 'localFiles',
        data: { keyword: code(ins.written), sources: list },
        ...(maybeArchive
          ? {}
          : {
              fix: {
                description: 'replace `ADD` with `COPY`',
                edits: [{ ...ins.keywordSpan, text: matchKeywordCase(ins.written, 'COPY') }],
              },
            }),
      });
    }
  },
});
