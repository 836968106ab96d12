/**
 * The JSON report (`--format json`): one document, version 1. Other tools consume it, so its shape is stable and
 * documented in docs/json-format.md; only additive changes without a version bump.
 */
import type { Finding, FileKind } from '../lint/types.js';

export interface ReportFile {
  path: string;
  kind: FileKind;
  findings: Finding[];
  /** Set when the file could not be read or linted; findings are then empty. */
  error?: string;
}

export interface JsonReport {
  version: 1;
  files: JsonFile[];
}

interface JsonFile {
  path: string;
  kind: FileKind;
  findings: JsonFinding[];
  error?: string;
}

interface JsonFinding {
  rule: string;
  aliases: string[];
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { description: string; safe: boolean; edits: { start: number; end: number; text: string }[] };
}

export function toJsonReport(files: readonly ReportFile[]): JsonReport {
  return {
    version: 1,
    files: files.map((f) => {
      const out: JsonFile = { path: f.path, kind: f.kind, findings: f.findings.map(toJsonFinding) };
      if (f.error !== undefined) out.error = f.error;
      return out;
    }),
  };
}

function toJsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    rule: f.rule,
    aliases: f.aliases,
    severity: f.severity,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  };
  if (f.fix) {
    out.fix = {
      description: f.fix.description,
      safe: f.fix.safe,
      edits: f.fix.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })),
    };
  }
  return out;
}

export function formatJson(files: readonly ReportFile[]): string {
  return `${JSON.stringify(toJsonReport(files), null, 2)}\n`;
}
