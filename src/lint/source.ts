/** Offset ↔ line/column arithmetic on one file's text. */
export interface Position {
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units */
  column: number;
}

export class SourceText {
  /** Where each line starts, lines ending at `\n` as git (and so GitHub's diffs) count them. */
  readonly lineStarts: number[];
  private lspStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /**
   * Offset of a 0-based line and character, as LSP ranges (dockerfile-ast) give them. LSP also ends a line at a
   * lone `\r`, which git does not: with one in the file the two line counts differ, and LSP's must be used here.
   */
  offsetAt(line0: number, character: number): number {
    const starts = this.lsp();
    if (line0 >= starts.length) return this.text.length;
    return Math.min(starts[line0]! + character, this.text.length);
  }

  private lsp(): number[] {
    if (this.lspStarts) return this.lspStarts;
    if (!/\r(?!\n)/.test(this.text)) return (this.lspStarts = this.lineStarts);
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) starts.push(i + 1);
    }
    return (this.lspStarts = starts);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo]! + 1 };
  }

  /** Start offset of a 1-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!;
  }

  /** End offset of a 1-based line, before its newline (and before a `\r`). */
  lineEnd(line: number): number {
    const next = line < this.lineStarts.length ? this.lineStarts[line]! - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 && next - 1 >= this.lineStart(line)
      ? next - 1
      : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The newline style of the file, for edits that insert lines. */
  get eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }
}
