// Reading a MoveItems request (MS-ASCMD 2.2.1.12): one Move per item, each naming the item's
// ServerId, its collection and the destination collection. A missing or empty element is kept as
// an empty id so that Move gets its own status (1 or 2) instead of failing the whole request.

import { childElements, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';

export interface MoveRequest {
  readonly srcMsgId: string;
  readonly srcFldId: string;
  readonly dstFldId: string;
}

const textOf = (parent: WbxmlElement, name: string): string => {
  const el = firstChild(parent, name);
  return el === undefined ? '' : textContent(el).trim();
};

/** The Moves in request order; empty when the root holds none. */
export function readMoveItemsRequest(root: WbxmlElement): MoveRequest[] {
  return childElements(root, 'Move:Move').map((move) => ({
    srcMsgId: textOf(move, 'Move:SrcMsgId'),
    srcFldId: textOf(move, 'Move:SrcFldId'),
    dstFldId: textOf(move, 'Move:DstFldId'),
  }));
}
