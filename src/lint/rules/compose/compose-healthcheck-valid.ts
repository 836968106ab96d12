import { isInterpolated } from '../../compose/model.js';
import { asText, healthcheckTest, isMapping, isTrue, servicePath, spanOr } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

const DURATION_KEYS = ['interval', 'timeout', 'start_period', 'start_interval'] as const;
// Go's time.ParseDuration, which Compose uses: `1m30s`, `500ms`, `1.5h`, `0`
const DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
const TEST_KINDS = new Set(['CMD', 'CMD-SHELL', 'NONE']);

/** Healthchecks Compose or the engine reject, or that can never pass. */
export default defineRule({
  id: 'compose-healthcheck-valid',
  aliases: [],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary: 'Malformed service healthcheck',
  why: 'A healthcheck with a wrong `test` form or an unreadable duration either stops `docker compose up` or marks the service unhealthy forever, and every service waiting on `service_healthy` never starts.',
  messages: {
    disabledWithTest:
      'The healthcheck of service {{service}} has `disable: true` and a `test`: the test never runs; remove one of them.',
    stringWithKind:
      'The healthcheck `test` of service {{service}} is a string, which the shell runs as written, {{kind}} included: write {{list}} as a list, or drop the {{kind}} prefix.',
    emptyString:
      'The healthcheck `test` of service {{service}} is empty: give a command, or `disable: true`.',
    emptyList:
      'The healthcheck `test` of service {{service}} is an empty list: start it with `CMD`, `CMD-SHELL` or `NONE`.',
    kindCase:
      'The healthcheck `test` of service {{service}} starts with {{kind}}: write it in capitals, {{upper}}.',
    unknownKind:
      'The healthcheck `test` of service {{service}} starts with {{kind}}, but a list must start with `CMD`, `CMD-SHELL` or `NONE`: write {{list}}.',
    noneWithCommand:
      'The healthcheck `test` of service {{service}} starts with `NONE`, which disables the check, so the rest is ignored: write `CMD` or `CMD-SHELL` if the command should run.',
    noCommand:
      'The healthcheck `test` of service {{service}} is {{kind}} with no command after it: add the command to run.',
    unsplitCommand:
      'The healthcheck of service {{service}} runs `CMD` with the single word {{word}}: exec form does not split it, so Docker looks for a program with that whole name and the check always fails; use `CMD-SHELL` or one list item per argument.',
    badDuration:
      'Healthcheck {{setting}} of service {{service}} is not a duration Compose can read: write it like `30s`, `1m30s` or `500ms`.',
  },
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      const hc = service.data.healthcheck;
      if (!isMapping(hc)) return;
      const at = (...rest: (string | number)[]) =>
        spanOr(model, service, servicePath(service, 'healthcheck', ...rest));
      const test = healthcheckTest(hc);
      const name = code(service.name);

      if (isTrue(hc.disable) && test !== null && !(Array.isArray(test) && test[0] === 'NONE')) {
        report({
          at: at('disable'),
          messageId: 'disabledWithTest',
          data: { service: name },
        });
      }

      if (typeof test === 'string') {
        const first = /^\s*(CMD-SHELL|CMD|NONE)\b/i.exec(test)?.[1];
        if (first) {
          report({
            at: at('test'),
            messageId: 'stringWithKind',
            data: { service: name, kind: code(first), list: code(`test: ["${first.toUpperCase()}", …]`) },
          });
        } else if (test.trim() === '') {
          report({
            at: at('test'),
            messageId: 'emptyString',
            data: { service: name },
          });
        }
      } else if (Array.isArray(test)) {
        const kind = test[0];
        if (kind === undefined) {
          report({
            at: at('test'),
            messageId: 'emptyList',
            data: { service: name },
          });
        } else if (!TEST_KINDS.has(kind)) {
          const upper = kind.toUpperCase();
          report({
            at: at('test', 0),
            ...(TEST_KINDS.has(upper)
              ? { messageId: 'kindCase', data: { service: name, kind: code(kind), upper: code(upper) } }
              : {
                  messageId: 'unknownKind',
                  data: { service: name, kind: code(kind), list: code(`["CMD", "${kind}", …]`) },
                }),
          });
        } else if (kind === 'NONE' && test.length > 1) {
          report({
            at: at('test', 1),
            messageId: 'noneWithCommand',
            data: { service: name },
          });
        } else if (kind !== 'NONE' && (test.length < 2 || test.slice(1).every((t) => t.trim() === ''))) {
          report({
            at: at('test'),
            messageId: 'noCommand',
            data: { service: name, kind: code(kind) },
          });
        } else if (
          kind === 'CMD' &&
          test.length === 2 &&
          /\s/.test(test[1]!.trim()) &&
          !isInterpolated(test[1]!)
        ) {
          report({
            at: at('test', 1),
            messageId: 'unsplitCommand',
            data: { service: name, word: code(test[1]!) },
          });
        }
      }

      for (const key of DURATION_KEYS) {
        const value = asText(hc[key]);
        if (value === null || typeof hc[key] !== 'string' || isInterpolated(value)) continue;
        if (DURATION.test(value.trim())) continue;
        report({
          at: at(key),
          messageId: 'badDuration',
          data: { setting: code(`${key}: ${value}`), service: name },
        });
      }
    });
  },
});
