// Settings command statuses (MS-ASCMD 2.2.3.177.15) and the error a part handler throws to
// answer its part with one, plus the small readers every part uses to take a request element
// apart without trusting its shape.
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { isElement, qualifiedName, textContent } from '../../eas/wbxml-body.js';

/**
 * MS-ASCMD 2.2.3.177.15. The top-level Status takes all seven; a part's Status (Oof,
 * DeviceInformation, DevicePassword, UserInformation, RightsManagementInformation) takes 1, 2, 5,
 * 6 and 7.
 */
export const SETTINGS_STATUS = Object.freeze({
  Success: 1,
  ProtocolError: 2,
  AccessDenied: 3,
  ServerUnavailable: 4,
  InvalidArguments: 5,
  ConflictingArguments: 6,
  DeniedByPolicy: 7,
});

export type SettingsPartStatus = 2 | 5 | 6 | 7;

/** Thrown while reading or applying one part: that part answers with `status`, the others go on. */
export class SettingsPartError extends Error {
  override readonly name = 'SettingsPartError';
  readonly status: SettingsPartStatus;

  constructor(status: SettingsPartStatus, message: string) {
    super(message);
    this.status = status;
  }
}

export function protocolError(message: string): SettingsPartError {
  return new SettingsPartError(SETTINGS_STATUS.ProtocolError, message);
}

export function invalidArgument(message: string): SettingsPartError {
  return new SettingsPartError(SETTINGS_STATUS.InvalidArguments, message);
}

/** The text of a value element; a value with child elements is malformed, not silently empty. */
export function leafText(el: WbxmlElement): string {
  if (el.children.some(isElement)) throw protocolError(`${qualifiedName(el)} must hold a value, not elements`);
  return textContent(el);
}

/** An element that must be empty, like AppliesToInternal or UserInformation's Get. */
export function requireEmpty(el: WbxmlElement): void {
  if (el.children.length > 0 && !(el.children.length === 1 && el.children[0] === '')) {
    throw protocolError(`${qualifiedName(el)} must be empty`);
  }
}

/**
 * Reads a container's children into a map by qualified name, refusing names outside `allowed`
 * and repeats of any name (every Settings leaf is 0..1), so a malformed part fails as one.
 */
export function singleChildren(parent: WbxmlElement, allowed: readonly string[]): Map<string, WbxmlElement> {
  const found = new Map<string, WbxmlElement>();
  for (const child of parent.children) {
    if (!isElement(child)) {
      if (typeof child === 'string' && child.trim() === '') continue;
      throw protocolError(`${qualifiedName(parent)} holds text where elements belong`);
    }
    const name = qualifiedName(child);
    if (!allowed.includes(name)) throw protocolError(`${name} is not allowed in ${qualifiedName(parent)}`);
    if (found.has(name)) throw protocolError(`${name} appears twice in ${qualifiedName(parent)}`);
    found.set(name, child);
  }
  return found;
}
