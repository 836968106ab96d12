/** SARIF 2.1.0 for GitHub code scanning and other viewers, built with node-sarif-builder. */
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Result, ReportingDescriptor } from 'sarif';
import type { Rule } from '../lint/rule.js';
import type { Finding, Severity } from '../lint/types.js';
import type { ReportFile } from './json.js';

const LEVEL: Record<Severity, Result.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

interface SarifBuilderModule {
  SarifBuilder: new () => { addRun(run: unknown): void; buildSarifOutput(): Log };
  SarifRunBuilder: new () => {
    initSimple(o: { toolDriverName: string; toolDriverVersion: string; url: string }): SarifRun;
  };
  SarifRuleBuilder: new () => {
    initSimple(o: {
      ruleId: string;
      shortDescriptionText: string;
      fullDescriptionText?: string;
      helpUri: string;
    }): {
      rule: ReportingDescriptor;
    };
  };
  SarifResultBuilder: new () => {
    initSimple(o: {
      level: Result.level;
      messageText: string;
      ruleId: string;
      fileUri: string;
      startLine: number;
      startColumn: number;
      endLine: number;
      endColumn: number;
    }): { result: Result };
  };
}

interface SarifRun {
  addRule(rule: unknown): void;
  addResult(result: unknown): void;
}

export interface SarifOptions {
  version: string;
  rules: readonly Rule[];
  docsUrl: (id: string) => string;
  /** Turns a reported path into the artifact URI (relative to the repository root for code scanning). */
  uri?: (path: string) => string;
}

export function toSarif(files: readonly ReportFile[], options: SarifOptions): Log {
  const require = createRequire(import.meta.url);
  const lib = require('node-sarif-builder') as SarifBuilderModule;
  const builder = new lib.SarifBuilder();
  const run = new lib.SarifRunBuilder().initSimple({
    toolDriverName: 'dockreview',
    toolDriverVersion: options.version,
    url: 'https://github.com/dockreview/dockreview',
  });
  const used = new Set(files.flatMap((f) => f.findings.map((x) => x.rule)));
  for (const rule of options.rules) {
    if (!used.has(rule.id)) continue;
    const r = new lib.SarifRuleBuilder().initSimple({
      ruleId: rule.id,
      shortDescriptionText: rule.summary,
      fullDescriptionText: rule.why,
      helpUri: options.docsUrl(rule.id),
    });
    r.rule.help = { text: `${rule.why} See ${options.docsUrl(rule.id)}` };
    r.rule.defaultConfiguration = { level: rule.severity === 'off' ? 'none' : LEVEL[rule.severity] };
    r.rule.properties = { aliases: [...rule.aliases], tags: ['dockerfile', ...rule.aliases] };
    run.addRule(r);
  }
  const uri = options.uri ?? defaultUri;
  for (const file of files) {
    for (const f of file.findings) {
      const r = new lib.SarifResultBuilder().initSimple({
        level: LEVEL[f.severity],
        messageText: f.message,
        ruleId: f.rule,
        fileUri: uri(file.path),
        startLine: f.line,
        startColumn: f.column,
        endLine: f.endLine,
        endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column + 1 : 1),
      });
      if (f.aliases.length > 0) r.result.properties = { aliases: f.aliases, severity: f.severity };
      if (f.fix) r.result.fixes = [sarifFix(uri(file.path), f)];
      run.addResult(r);
    }
  }
  builder.addRun(run);
  return builder.buildSarifOutput();
}

/**
 * A reported path as an artifact URI: a relative path stays relative (code scanning resolves it against the
 * repository root) with each segment percent-encoded; an absolute path becomes a `file:` URI.
 */
function defaultUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  if (isAbsolute(p)) return pathToFileURL(p).href;
  return p.split('/').map(encodeURIComponent).join('/');
}

function sarifFix(fileUri: string, f: Finding): NonNullable<Result['fixes']>[number] {
  return {
    description: { text: `${f.fix!.description}${f.fix!.safe ? '' : ' (suggestion)'}` },
    artifactChanges: [
      {
        artifactLocation: { uri: fileUri },
        replacements: f.fix!.edits.map((e) => ({
          deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
          insertedContent: { text: e.text },
        })),
      },
    ],
  };
}

export function formatSarif(files: readonly ReportFile[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(files, options), null, 2)}\n`;
}
