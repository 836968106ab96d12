/** tree-sitter's WASM tree copied into plain objects in one cursor walk, for the readers in ./parser.ts. */
import type { Tree } from 'web-tree-sitter';

/** A syntax node copied out of the WASM tree in one cursor walk: reading fields off tree-sitter's Node objects
 * one at a time crosses into WASM for each, which costs more than the parse itself. */
export interface SyntaxNode {
  type: string;
  named: boolean;
  start: number;
  end: number;
  children: SyntaxNode[];
}

/** Nodes whose insides no reader needs: the walk does not descend into them. */
const LEAVES = new Set([
  'word',
  'raw_string',
  'number',
  'string_content',
  'variable_name',
  'simple_expansion',
  'expansion',
  'arithmetic_expansion',
  'ansi_c_string',
  'comment',
  'file_descriptor',
  'heredoc_body',
  'regex',
  'special_variable_name',
  'test_operator',
]);

/**
 * Deeper syntax is not descended into (the script then counts as unparsed): the readers below recurse, and
 * `$($($(…)))` ten thousand levels deep would overflow the stack. Real scripts nest a handful of levels.
 */
const MAX_DEPTH = 256;

/**
 * tree-sitter-bash folds a short dash word written against a heredoc (`wget -q<<EOF`, `cat -<<EOF`) into the
 * `<<` token and drops it from the command; such words are cut back out of the token and kept aside, so
 * `buildScript` can return them to the command they follow.
 */
function splitHeredocToken(node: SyntaxNode, text: string, lost: SyntaxNode[]): void {
  const opStart = node.end - node.type.length;
  let start = node.start;
  while (start < opStart && (text[start] === ' ' || text[start] === '\t')) start++;
  if (start < opStart) lost.push({ type: 'word', named: true, start, end: opStart, children: [] });
  node.start = opStart;
}

export function materialise(
  tree: Tree,
  text: string,
): { root: SyntaxNode; tooDeep: boolean; lost: SyntaxNode[] } {
  let tooDeep = false;
  const lost: SyntaxNode[] = [];
  const cursor = tree.walk();
  const root: SyntaxNode = {
    type: cursor.nodeType,
    named: true,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children: [],
  };
  const stack: SyntaxNode[] = [root];
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const node: SyntaxNode = {
        type: cursor.nodeType,
        named: cursor.nodeIsNamed,
        start: cursor.startIndex,
        end: cursor.endIndex,
        children: [],
      };
      if (
        !node.named &&
        node.end - node.start > node.type.length &&
        (node.type === '<<' || node.type === '<<-')
      )
        splitHeredocToken(node, text, lost);
      stack[stack.length - 1]!.children.push(node);
      if (!LEAVES.has(node.type) && cursor.gotoFirstChild()) {
        if (stack.length < MAX_DEPTH) {
          stack.push(node);
          continue;
        }
        tooDeep = true;
        cursor.gotoParent();
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length <= 1) {
          cursor.delete();
          return { root, tooDeep, lost };
        }
        stack.pop();
      }
    }
  }
  cursor.delete();
  return { root, tooDeep, lost };
}
