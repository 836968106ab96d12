import { asText, servicePath, spanOr } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

const UNCONFINED: readonly { re: RegExp; what: string; alias: string | null }[] = [
  {
    re: /^seccomp[:=]unconfined$/i,
    what: 'turns off the seccomp filter, so every system call reaches the host kernel',
    alias: 'seccomp_disabled',
  },
  {
    re: /^apparmor[:=]unconfined$/i,
    what: 'turns off the AppArmor profile that confines the container',
    alias: null,
  },
  { re: /^label[:=]disable$/i, what: 'turns off SELinux separation for the container', alias: null },
  {
    re: /^systempaths[:=]unconfined$/i,
    what: 'exposes `/proc` and `/sys` paths Docker normally masks',
    alias: null,
  },
];
const NO_NEW_PRIVILEGES = /^no-new-privileges(?:[:=]true)?$/i;

/** `seccomp:unconfined`, `apparmor:unconfined`; and a nudge toward `no-new-privileges:true`. */
export default defineRule({
  id: 'compose-security-opt',
  aliases: ['seccomp_disabled', 'no_new_privileges_not_set'],
  kind: 'compose',
  severity: 'warning',
  severityNote: 'info for `no-new-privileges`',
  fixable: false,
  summary: 'Service turns off a security profile, or tunes `security_opt` without `no-new-privileges`',
  why: 'Seccomp, AppArmor and SELinux profiles are what stop a compromised process from attacking the host kernel; `no-new-privileges` stops setuid binaries from raising privileges inside the container.',
  schema: {
    requireNoNewPrivileges: {
      type: 'boolean',
      default: false,
      description:
        'Suggest `no-new-privileges:true` for every service, not only those that set `security_opt`.',
    },
  },
  messages: {
    unconfined:
      'Service {{service}} sets {{option}}, which {{what}}: keep the default profile, or write a custom profile that allows only what it needs.',
    noNewPrivileges:
      "Service {{service}} does not set `no-new-privileges:true` in `security_opt`: add it so setuid binaries cannot raise a process's privileges inside the container.",
  },
  check({ model, report, options }) {
    const everywhere = options.requireNoNewPrivileges === true;
    eachService(model, report, (service, report) => {
      const opts = service.data.security_opt;
      const list = Array.isArray(opts) ? opts : [];
      let nnp = false;
      list.forEach((o, i) => {
        const text = asText(o)?.trim();
        if (!text) return;
        if (NO_NEW_PRIVILEGES.test(text)) nnp = true;
        const hit = UNCONFINED.find((u) => u.re.test(text));
        if (!hit) return;
        report({
          at: spanOr(model, service, servicePath(service, 'security_opt', i)),
          aliases: hit.alias ? [hit.alias] : [],
          messageId: 'unconfined',
          data: { service: code(service.name), option: code(text), what: hit.what },
        });
      });
      if (nnp || (!everywhere && list.length === 0)) return;
      report({
        at: model.spanAt(servicePath(service, 'security_opt'), true) ?? service.keySpan,
        severity: 'info',
        aliases: ['no_new_privileges_not_set'],
        messageId: 'noNewPrivileges',
        data: { service: code(service.name) },
      });
    });
  },
});
