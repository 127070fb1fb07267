// One HTTP exchange with an EAS endpoint over fetch (undici): a time limit per request, the body
// read in full, and transport failures turned into EasClientError so callers see one error type.
// undici's own header and body timeouts (300 s by default) are raised per request to follow our
// limit, so a Ping held for a long heartbeat is not cut off by the connection pool.

import { fetch, getGlobalDispatcher, type Dispatcher } from 'undici';
import { EasClientError } from './client-errors.js';

/** MS-ASHTTP 2.2.1.1.1: every command is POSTed to this path. */
export const EAS_PATH = '/Microsoft-Server-ActiveSync';

export interface TransportRequest {
  method: 'POST' | 'OPTIONS';
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
  /** Connection pool to send through; undici's global dispatcher when absent. */
  dispatcher?: Dispatcher;
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

/**
 * Head room of undici's timers over our own, so our AbortSignal fires first and the caller gets
 * the 'timeout' error naming the limit rather than an undici socket error.
 */
const POOL_TIMEOUT_MARGIN_MS = 10_000;

/** undici's header and body timeouts for one request whose own limit is `timeoutMs`. */
export function dispatcherTimeouts(timeoutMs: number): { headersTimeout: number; bodyTimeout: number } {
  const limit = timeoutMs + POOL_TIMEOUT_MARGIN_MS;
  return { headersTimeout: limit, bodyTimeout: limit };
}

/**
 * The pool with this request's timeouts on every dispatch: the per-request values win over the
 * pool's defaults (undici Request.headersTimeout / bodyTimeout), and connections stay shared.
 */
export function withRequestTimeouts(dispatcher: Dispatcher, timeoutMs: number): Dispatcher {
  const timeouts = dispatcherTimeouts(timeoutMs);
  return dispatcher.compose((dispatch) => (options, handler) => dispatch({ ...options, ...timeouts }, handler));
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
      dispatcher: withRequestTimeouts(request.dispatcher ?? getGlobalDispatcher(), request.timeoutMs),
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
