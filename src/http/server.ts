// The Fastify front: OPTIONS and POST on /Microsoft-Server-ActiveSync and POST on
// /autodiscover/autodiscover.xml, paths matched without regard to case because clients differ.
// OPTIONS needs no credentials (CLIENT-QUIRKS §6.1); everything else passes Basic auth in an
// onRequest hook, before any body is read. Bodies are kept as bytes up to maxBodyBytes (413
// beyond). No response body ever carries an error's details; the log does.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LogController, fastify } from 'fastify';
import { optionsResponseHeaders } from '../eas/headers.js';
import { DeferredLogger } from '../observability/deferred-logger.js';
import { authenticateBasic, WWW_AUTHENTICATE } from './basic-auth.js';
import {
  AUTODISCOVER_MAX_BODY_BYTES,
  AUTODISCOVER_PATH,
  EAS_PATH,
  handleAutodiscover,
} from './autodiscover-route.js';
import { handleEasPost } from './eas-post.js';
import type { AuthenticatedRequest, HttpServerDeps, HttpSettings } from './http-types.js';
import { requestIdSequence } from './request-id.js';

export type { HttpServerDeps, HttpSettings } from './http-types.js';
export { AUTODISCOVER_PATH, EAS_PATH } from './autodiscover-route.js';

/** How long a client should wait when the account backend is down (MS-ASHTTP 3.2.5.1, 503). */
const RETRY_AFTER_SECONDS = '30';

function checkSettings(settings: HttpSettings): void {
  if (settings.advertisedVersions.length === 0) throw new Error('http settings: advertisedVersions is empty');
  if (!Number.isInteger(settings.maxBodyBytes) || settings.maxBodyBytes <= 0) {
    throw new Error(`http settings: maxBodyBytes must be a positive integer, got ${settings.maxBodyBytes}`);
  }
}

function installBodyHandling(app: FastifyInstance): void {
  // Every body is bytes: WBXML, message/rfc822 or Autodiscover XML, whatever type the client claims.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

function installErrorHandling(app: FastifyInstance, deps: HttpServerDeps): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own client errors: body too large (413), bad framing, bad media type.
      deps.logger.info({ reqId: request.id, status, code: error.code }, error.message);
      return reply.code(status).send();
    }
    deps.logger.error({ reqId: request.id, err: error }, 'unexpected error');
    return reply.code(500).send();
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send());
}

export function createHttpServer(deps: HttpServerDeps): FastifyInstance {
  checkSettings(deps.settings);
  const app = fastify({
    loggerInstance: deps.logger,
    logController: new LogController({ disableRequestLogging: true }),
    // Fastify gives every request a child logger; held Pings would each keep one they never use.
    childLoggerFactory: (_logger, bindings, options) => new DeferredLogger(deps.logger, bindings, options),
    genReqId: requestIdSequence(),
    bodyLimit: deps.settings.maxBodyBytes,
    trustProxy: deps.settings.trustProxy ?? false,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  }) as unknown as FastifyInstance;
  installBodyHandling(app);
  installErrorHandling(app, deps);

  const authenticated = new WeakMap<FastifyRequest, AuthenticatedRequest>();
  const requireAuth = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const outcome = await authenticateBasic(deps.authenticator, request.headers.authorization);
    if (outcome.kind === 'authenticated') {
      authenticated.set(request, { login: outcome.login, user: outcome.user });
      return undefined;
    }
    if (outcome.kind === 'unavailable') {
      deps.logger.error({ reqId: request.id, login: outcome.login, err: outcome.error }, 'authentication backend failed');
      return reply.code(503).header('Retry-After', RETRY_AFTER_SECONDS).send();
    }
    const login = outcome.kind === 'rejected' ? outcome.login : undefined;
    deps.logger.info({ reqId: request.id, login, url: request.url.split('?')[0] }, `authentication ${outcome.kind}`);
    return reply.code(401).header('WWW-Authenticate', WWW_AUTHENTICATE).send();
  };
  const authOf = (request: FastifyRequest): AuthenticatedRequest => {
    const auth = authenticated.get(request);
    if (auth === undefined) throw new Error('handler reached without authentication');
    return auth;
  };

  app.options(EAS_PATH, async (_request, reply) =>
    reply.code(200).headers(optionsResponseHeaders(deps.settings.advertisedVersions, deps.commands.names())).send(),
  );
  app.post(EAS_PATH, { onRequest: requireAuth }, async (request, reply) =>
    handleEasPost(deps, request, reply, authOf(request)),
  );
  app.post(AUTODISCOVER_PATH, { onRequest: requireAuth, bodyLimit: AUTODISCOVER_MAX_BODY_BYTES }, async (request, reply) =>
    handleAutodiscover(deps, request, reply, authOf(request)),
  );
  return app;
}
