// One HTTP exchange with an EAS endpoint over fetch (undici): a time limit per request, the body
// read in full, and transport failures turned into EasClientError so callers see one error type.

import { EasClientError } from './client-errors.js';

/** MS-ASHTTP 2.2.1.1.1: every command is POSTed to this path. */
export const EAS_PATH = '/Microsoft-Server-ActiveSync';

export interface TransportRequest {
  method: 'POST' | 'OPTIONS';
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  raw: Uint8Array;
  durationMs: number;
}

/** Accepts a server root ("https://mail.example.org") or the full endpoint URL. */
export function resolveEndpoint(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new EasClientError('unsupported', `not a valid URL: ${baseUrl}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EasClientError('unsupported', `URL must be http or https: ${baseUrl}`);
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.toLowerCase().endsWith(EAS_PATH.toLowerCase())) {
    url.pathname = url.pathname.replace(/\/+$/, '') + EAS_PATH;
  }
  return url;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export async function performRequest(request: TransportRequest): Promise<TransportResponse> {
  const started = performance.now();
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    });
    const raw = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, raw, durationMs: performance.now() - started };
  } catch (error) {
    if (isTimeout(error) || signal.aborted) {
      throw new EasClientError('timeout', `${request.method} ${request.url.pathname}: no answer within ${request.timeoutMs} ms`, { cause: error });
    }
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new EasClientError('network', `${request.method} ${request.url.origin}: ${reason}`, { cause: error });
  }
}
