// Reading leaf values of a client's ApplicationData strictly: numbers within the range the spec
// allows, booleans as 0/1, dates in the form the element uses. A bad value is a
// CalendarContentError naming the element, which the Sync command answers with Status 6
// (MS-ASCMD 2.2.3.177.16: error in client/server conversion), never a crash.
import { childElements, element, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { EasDateError, parseEasDateTime } from '../eas-dates.js';

export type CalendarContentErrorCode = 'invalid-icalendar' | 'invalid-value';

export class CalendarContentError extends Error {
  readonly code: CalendarContentErrorCode;
  /** The element or property at fault, e.g. "Calendar:BusyStatus". */
  readonly field: string;

  constructor(code: CalendarContentErrorCode, field: string, message: string) {
    super(message);
    this.name = 'CalendarContentError';
    this.code = code;
    this.field = field;
  }
}

export function readText(parent: WbxmlElement, name: string): string | undefined {
  const el = firstChild(parent, name);
  return el === undefined ? undefined : textContent(el);
}

export function readInt(parent: WbxmlElement, name: string, min: number, max: number): number | undefined {
  const text = readText(parent, name);
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new CalendarContentError('invalid-value', name, `${name} must be an integer ${min}-${max}, got '${text}'`);
  }
  return value;
}

export function readBool(parent: WbxmlElement, name: string): boolean | undefined {
  const value = readInt(parent, name, 0, 1);
  return value === undefined ? undefined : value === 1;
}

export function readDate(parent: WbxmlElement, name: string): Date | undefined {
  const text = readText(parent, name);
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseEasDateTime(text);
  } catch (error) {
    if (error instanceof EasDateError) throw new CalendarContentError('invalid-value', name, `${name}: ${error.message}`);
    throw error;
  }
}

export function readCategories(parent: WbxmlElement, container: string, item: string): string[] | undefined {
  const el = firstChild(parent, container);
  return el === undefined ? undefined : childElements(el, item).map((c) => textContent(c)).filter((c) => c !== '');
}

/** `element(name, value)` for a defined value, nothing otherwise: keeps builders flat. */
export function optional(name: string, value: string | number | undefined): WbxmlElement[] {
  return value === undefined ? [] : [element(name, String(value))];
}
