import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CallerGuard, type Authenticator } from './auth/caller.guard.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { exactJsonContentType } from './exact-json-content-type.js';
import { readJsonBody } from './json-body.js';

/**
 * The largest JSON body a request may have: a start or a completion with its variables fits many times over; more
 * is a 413 before anything is parsed, so no client can make the engine hold huge documents in memory. (Deployments
 * are multipart, with their own limit.)
 */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Makes a Nest HTTP application answer like Camunda 7's REST API: exact `application/json` responses and Camunda's
 * error bodies for every error, including unknown routes, bodies that do not parse and bodies over
 * {@link JSON_BODY_LIMIT_BYTES}. Call before `listen()`, so
 * the content-type middleware runs ahead of every other one. Every request is authenticated by `authenticator`
 * before its handler runs (see {@link CallerGuard}).
 */
export function configureCamundaRestApp(
  app: INestApplication,
  authenticator: Authenticator,
): INestApplication {
  app.use(exactJsonContentType);
  // The common JSON body is read by readJsonBody; body-parser's parser stays behind it for the rest (charsets,
  // compressed bodies). Registered before Nest's default JSON parser (100 kB), which then is not added.
  app.use(readJsonBody(JSON_BODY_LIMIT_BYTES));
  (app as NestExpressApplication).useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.useGlobalFilters(new CamundaExceptionFilter());
  app.useGlobalGuards(new CallerGuard(authenticator, app.get(Reflector)));
  const express = app.getHttpAdapter().getInstance() as { disable?(setting: string): void };
  express.disable?.('x-powered-by');
  // No ETag computed over every answer (a hash of each body): Camunda's API sends none, and what has a version
  // (LoRA's registrations) sets its own.
  express.disable?.('etag');
  return app;
}
