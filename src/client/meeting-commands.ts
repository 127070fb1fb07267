// MeetingResponse as a device sends it (MS-ASCMD 2.2.1.11): Requests in the element order of the
// request schema (6.25: UserResponse, CollectionId, RequestId, search:LongId, InstanceId,
// SendResponse), and the Results read back tolerantly, one per Request, in order.

import { childElements, element, firstChild, textContent, type WbxmlElement } from '../wbxml/index.js';
import { EasClientError } from './client-errors.js';
import type { CommandChannel, EasResponse } from './client-types.js';
import { expectRoot } from './response-readers.js';

export interface MeetingResponseRequest {
  /** 1 accept, 2 tentatively accept, 3 decline. */
  readonly userResponse: 1 | 2 | 3;
  readonly collectionId?: string;
  readonly requestId?: string;
  /** Instead of CollectionId + RequestId: the LongId a Search result carried. */
  readonly longId?: string;
  /** One occurrence, as "YYYY-MM-DDTHH:MM:SS.mmmZ" (14.1+). */
  readonly instanceId?: string;
  /** 16.x: ask the server to send the organizer a reply, with this text as its body if given. */
  readonly sendResponse?: { readonly body?: string };
}

export interface MeetingResponseResult {
  readonly status?: number;
  readonly requestId?: string;
  readonly calendarId?: string;
  readonly instanceId?: string;
}

export interface MeetingResponseReply {
  readonly results: MeetingResponseResult[];
  readonly response: EasResponse;
}

const NS = 'MeetingResponse';

function requestElement(request: MeetingResponseRequest): WbxmlElement {
  const children = [element(`${NS}:UserResponse`, String(request.userResponse))];
  if (request.collectionId !== undefined) children.push(element(`${NS}:CollectionId`, request.collectionId));
  if (request.requestId !== undefined) children.push(element(`${NS}:RequestId`, request.requestId));
  if (request.longId !== undefined) children.push(element('Search:LongId', request.longId));
  if (request.instanceId !== undefined) children.push(element(`${NS}:InstanceId`, request.instanceId));
  if (request.sendResponse !== undefined) {
    const body = request.sendResponse.body;
    children.push(element(`${NS}:SendResponse`, body === undefined ? [] : [
      element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', body)]),
    ]));
  }
  return element(`${NS}:Request`, children);
}

export function buildMeetingResponse(requests: readonly MeetingResponseRequest[]): WbxmlElement {
  return element(`${NS}:MeetingResponse`, requests.map(requestElement));
}

export function readMeetingResponse(root: WbxmlElement): MeetingResponseResult[] {
  expectRoot(root, `${NS}:MeetingResponse`);
  return childElements(root, `${NS}:Result`).map((result) => {
    const text = (name: string): string | undefined => {
      const el = firstChild(result, `${NS}:${name}`);
      return el === undefined ? undefined : textContent(el);
    };
    const status = text('Status');
    const requestId = text('RequestId');
    const calendarId = text('CalendarId');
    const instanceId = text('InstanceId');
    return {
      ...(status === undefined ? {} : { status: Number(status) }),
      ...(requestId === undefined ? {} : { requestId }),
      ...(calendarId === undefined ? {} : { calendarId }),
      ...(instanceId === undefined ? {} : { instanceId }),
    };
  });
}

/** Sends one MeetingResponse with the given Requests and reads its Results. */
export async function meetingResponse(
  client: Pick<CommandChannel, 'send'>,
  requests: MeetingResponseRequest | readonly MeetingResponseRequest[],
): Promise<MeetingResponseReply> {
  const list = Array.isArray(requests) ? requests : [requests as MeetingResponseRequest];
  const response = await client.send('MeetingResponse', buildMeetingResponse(list));
  if (response.status !== 200 || response.body === undefined) {
    throw new EasClientError('http', `MeetingResponse answered HTTP ${response.status}${response.body === undefined ? ' without a WBXML body' : ''}`, {
      httpStatus: response.status,
    });
  }
  return { results: readMeetingResponse(response.body), response };
}
