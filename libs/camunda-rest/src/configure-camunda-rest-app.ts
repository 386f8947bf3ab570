import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CallerGuard, type Authenticator } from './auth/caller.guard.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { exactJsonContentType } from './exact-json-content-type.js';

/**
 * Makes a Nest HTTP application answer like Camunda 7's REST API: exact `application/json` responses and Camunda's
 * error bodies for every error, including unknown routes and bodies that do not parse. Call before `listen()`, so
 * the content-type middleware runs ahead of every other one. Every request is authenticated by `authenticator`
 * before its handler runs (see {@link CallerGuard}).
 */
export function configureCamundaRestApp(
  app: INestApplication,
  authenticator: Authenticator,
): INestApplication {
  app.use(exactJsonContentType);
  app.useGlobalFilters(new CamundaExceptionFilter());
  app.useGlobalGuards(new CallerGuard(authenticator, app.get(Reflector)));
  const express = app.getHttpAdapter().getInstance() as { disable?(setting: string): void };
  express.disable?.('x-powered-by');
  return app;
}
