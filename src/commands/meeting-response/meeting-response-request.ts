// Reading a MeetingResponse request (MS-ASCMD 2.2.1.11, request schema 6.25): each Request names
// the meeting by CollectionId + RequestId or by search:LongId (never both, 2.2.3.150.2), answers
// with UserResponse 1 accept / 2 tentative / 3 decline (2.2.3.194), may narrow the answer to one
// occurrence with InstanceId (14.1+, 2.2.3.92.1) and, from 16.0, asks for a reply mail to the
// organizer with SendResponse, optionally with a body (2.2.3.163). A Request that breaks these
// rules gets its own Status in the response; only a body that is not a MeetingResponse at all
// fails the whole command.
import { htmlToText, readBody } from '../../content/body/index.js';
import { EasDateError, parseEasDateTime } from '../../content/eas-dates.js';
import { versionAtLeast, type ProtocolVersion } from '../../eas/protocol-version.js';
import { EasStatusError } from '../../eas/status.js';
import { childElements, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { MeetingResponseStatus } from './meeting-response-status.js';

/** MS-ASCMD 3.1.5.8: more Request elements than this are refused (Status 103 on each). */
export const MAX_MEETING_REQUESTS = 100;

export type UserResponse = 1 | 2 | 3;

export type MeetingLocator =
  | { readonly kind: 'collection'; readonly collectionId: string; readonly requestId: string }
  | { readonly kind: 'long-id'; readonly longId: string };

export interface MeetingAnswer {
  readonly userResponse: UserResponse;
  readonly locator: MeetingLocator;
  /** The occurrence answered: its original start. */
  readonly instance?: Date;
  /** 16.x: SendResponse was present (a reply goes to the organizer), with the user's text if any. */
  readonly sendResponse?: { readonly text?: string };
}

/** One Request as read: what the Result echoes, and either the answer or why it is refused. */
export interface ReadRequest {
  readonly requestId?: string;
  readonly instanceId?: string;
  readonly answer?: MeetingAnswer;
  readonly status: number;
}

function leaf(parent: WbxmlElement, name: string): string | undefined {
  const el = firstChild(parent, name);
  return el === undefined ? undefined : textContent(el).trim();
}

function readSendResponse(request: WbxmlElement): MeetingAnswer['sendResponse'] {
  const send = firstChild(request, 'MeetingResponse:SendResponse');
  if (send === undefined) return undefined;
  const body = readBody(send);
  if (body === undefined || body.type === 3 || body.type === 4) return {};
  return { text: body.type === 2 ? htmlToText(body.data) : body.data };
}

function readInstance(text: string | undefined, version: ProtocolVersion): Date | number | undefined {
  if (text === undefined) return undefined;
  // MS-ASCMD 2.2.3.92.1: InstanceId is not defined before 14.1; a request that has one is invalid.
  if (!versionAtLeast(version, '14.1')) return MeetingResponseStatus.InvalidMeetingRequest;
  // 2.2.3.177.9: an empty InstanceId names no occurrence (2); a malformed one is a bad date (104).
  if (text === '') return MeetingResponseStatus.InvalidMeetingRequest;
  try {
    return parseEasDateTime(text);
  } catch (error) {
    if (error instanceof EasDateError) return MeetingResponseStatus.InvalidDateTime;
    throw error;
  }
}

function readLocator(request: WbxmlElement): MeetingLocator | undefined {
  const collectionId = leaf(request, 'MeetingResponse:CollectionId');
  const requestId = leaf(request, 'MeetingResponse:RequestId');
  const longId = leaf(request, 'Search:LongId');
  if (longId !== undefined) {
    return collectionId === undefined && requestId === undefined && longId !== '' ? { kind: 'long-id', longId } : undefined;
  }
  if (collectionId === undefined || requestId === undefined || collectionId === '' || requestId === '') return undefined;
  return { kind: 'collection', collectionId, requestId };
}

function readRequest(request: WbxmlElement, version: ProtocolVersion): ReadRequest {
  const requestId = leaf(request, 'MeetingResponse:RequestId');
  const instanceId = leaf(request, 'MeetingResponse:InstanceId');
  const echo = { ...(requestId === undefined ? {} : { requestId }), ...(instanceId === undefined ? {} : { instanceId }) };
  const response = Number(leaf(request, 'MeetingResponse:UserResponse'));
  const locator = readLocator(request);
  if ((response !== 1 && response !== 2 && response !== 3) || locator === undefined) {
    return { ...echo, status: MeetingResponseStatus.InvalidMeetingRequest };
  }
  const instance = readInstance(instanceId, version);
  if (typeof instance === 'number') return { ...echo, status: instance };
  const sendResponse = versionAtLeast(version, '16.0') ? readSendResponse(request) : undefined;
  const answer: MeetingAnswer = {
    userResponse: response,
    locator,
    ...(instance === undefined ? {} : { instance }),
    ...(sendResponse === undefined ? {} : { sendResponse }),
  };
  return { ...echo, answer, status: MeetingResponseStatus.Success };
}

/** The Requests of a MeetingResponse body; throws EasStatusError 103 when it is not one. */
export function readMeetingResponseRequest(root: WbxmlElement | undefined, version: ProtocolVersion): ReadRequest[] {
  if (root === undefined || qualifiedName(root) !== 'MeetingResponse:MeetingResponse') {
    throw new EasStatusError(103, { message: 'the body is not a MeetingResponse' });
  }
  const requests = childElements(root, 'MeetingResponse:Request');
  if (requests.length === 0) throw new EasStatusError(103, { message: 'MeetingResponse without a Request' });
  if (requests.length > MAX_MEETING_REQUESTS) {
    return requests.map((r) => {
      const requestId = leaf(r, 'MeetingResponse:RequestId');
      return { ...(requestId === undefined ? {} : { requestId }), status: MeetingResponseStatus.TooManyRequests };
    });
  }
  return requests.map((r) => readRequest(r, version));
}
