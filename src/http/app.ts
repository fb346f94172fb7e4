import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from '../services/context.js';
import { registerAccessControl } from './auth.js';
import { handleError, problemFor, sendProblem } from './errors.js';
import { AppError } from '../domain/errors.js';
import { pickLang } from '../i18n/messages.js';
import { registerRoutes } from './routes/index.js';
import { responseSerializer, strictResponsesByDefault } from './serializer.js';

export interface AppOptions {
  /** Directory of the built web app (web/dist); served with SPA fallback when present. */
  webDir?: string;
  /** Secure cookies (HTTPS only) — on in production. */
  secureCookies: boolean;
  logger?: boolean;
  /** Requests per minute per IP on the login route. */
  loginRateLimitPerMinute?: number;
  /**
   * Fail a response that carries a field its schema does not declare (instead of dropping the
   * field). Default: on under vitest or with SOKOGURU_STRICT_RESPONSES=1 (src/http/serializer.ts).
   */
  strictResponses?: boolean;
  /** The longest the server waits to receive a whole request (0: no limit); default 60 s. */
  requestTimeoutMs?: number;
}

/**
 * What the browser may load for our pages: everything from this origin, nothing from elsewhere,
 * no inline or eval'd script, never inside a frame. Styles allow 'unsafe-inline' because Mantine
 * writes its theme as <style> elements and the charts position by style attributes; a style
 * cannot run code, and script stays strict. Swagger UI (/api/docs) loads under the same policy.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const BODY_LIMIT_BYTES = 1_048_576;

/** zod to OpenAPI; a file's bytes (responses.ts's fileSchema) render through their metadata. */
const jsonSchemaTransform = createJsonSchemaTransform({
  zodToJsonConfig: { unrepresentable: 'any' },
});

export async function buildApp(deps: Deps, options: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger === false ? undefined : (deps.logger as FastifyBaseLogger),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: options.requestTimeoutMs ?? 60_000,
    trustProxy: process.env.SOKOGURU_TRUST_PROXY === '1',
    ajv: { customOptions: { coerceTypes: false } },
    // Errors the router raises before any route runs (a path parameter over maxParamLength, a
    // malformed percent-encoding) are problem+json too, not Fastify's bare JSON.
    // The onRequest hooks have not run for them, so the language is picked here.
    frameworkErrors: (err, req, reply) => {
      req.lang = pickLang(req.headers['accept-language']);
      handleError(err, req, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    responseSerializer(options.strictResponses ?? strictResponsesByDefault()),
  );
  app.setErrorHandler(handleError);

  // Security headers on every answer: pages, API, files and errors alike.
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only when the server is reached over HTTPS (secure cookies say so): sent over plain
    // HTTP on a village laptop it would lock its browsers out of the server for a year.
    hsts: options.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // the API serves its own files (PDF, Excel) to this origin only; no cross-origin embedding
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Sokoguru API',
        version: '1',
        description:
          'API for cooperatives (koperasi) and Dinas Koperasi. Money is integer rupiah carried as decimal strings. Errors are RFC 9457 problem+json in the language of Accept-Language (id, en).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sg_session' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token (sgk_…) issued in an organisation',
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: (route) => {
      // A 204 has no body (routes declare it with responses.ts's noContent, a zod undefined that
      // JSON Schema cannot express); a null schema makes @fastify/swagger list it without content.
      const response = (route.schema as { response?: Record<string, unknown> } | undefined)
        ?.response;
      if (!response?.['204']) return jsonSchemaTransform(route);
      const { 204: _none, ...rest } = response;
      const out = jsonSchemaTransform({ ...route, schema: { ...route.schema, response: rest } });
      const schema = out.schema as { response?: Record<string, unknown> };
      schema.response = { ...schema.response, 204: { type: 'null', description: 'No content' } };
      return out;
    },
  });
  // tags start folded: some 150 operations in 21 tags, and Swagger UI stops rendering part-way
  // through a page of every operation unfolded (seen with swagger-ui 5 at about 130 operations)
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none' } });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerAccessControl(app, deps);

  app.addHook('onSend', async (req, reply, payload) => {
    void reply.header('x-request-id', req.id);
    return payload;
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(async (api) => registerRoutes(api, deps, options), { prefix: '/api/v1' });

  const webDir = options.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (
      !req.url.startsWith('/api/') &&
      req.method === 'GET' &&
      webDir &&
      existsSync(join(webDir, 'index.html'))
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, problemFor(req, new AppError('NOT_FOUND')));
  });
  return app;
}
