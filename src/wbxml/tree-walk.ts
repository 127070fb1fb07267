// A walk over a token tree in document order on an explicit stack instead of the call stack, for
// the encoder's two walks that must survive any depth: writing a subtree below the recursion
// limit, and measuring a document that outgrew the scratch. Judging the nodes is the visitor's
// business: the walk only follows the elements the visitor hands back.

import type { WbxmlElement } from './tree.js';

export interface TreeVisitor {
  /**
   * Called for each child of an element walked into, in document order, with the number of
   * levels it lies below the root (1 for the root's own children). Returns the element to walk
   * into (its children are visited next, if it has any), undefined to go on with the next
   * child, or false to end the walk.
   */
  child(node: unknown, parent: WbxmlElement, depth: number): WbxmlElement | undefined | false;
  /** Called after the last child of every element walked into, the root included. */
  close?(el: WbxmlElement): void;
}

/** Walks the children of `root` and below; elements without children are never pushed or closed. */
export function walkDeep(root: WbxmlElement, visitor: TreeVisitor): void {
  if (root.children.length === 0) return;
  const elements: WbxmlElement[] = [root];
  const next: number[] = [0];
  while (elements.length > 0) {
    const top = elements.length - 1;
    const parent = elements[top] as WbxmlElement;
    const index = next[top] as number;
    if (index >= parent.children.length) {
      elements.pop();
      next.pop();
      visitor.close?.(parent);
      continue;
    }
    next[top] = index + 1;
    const found = visitor.child(parent.children[index], parent, elements.length);
    if (found === false) return;
    if (found !== undefined && found.children.length > 0) {
      elements.push(found);
      next.push(0);
    }
  }
}
