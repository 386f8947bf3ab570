import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ENGINE_REST_PATH } from '#camunda-rest';
import { describeCamundaOperations } from './openapi/describe-camunda-operations.js';

/**
 * Publishes the app's OpenAPI document at `/engine-rest/openapi.json` and Swagger UI at `/docs`, both without
 * credentials (they describe the API, not anyone's data). The document is generated from the app's controllers
 * when first asked for, so every controller registered in the app is in it without being listed here; the
 * catalogue in `openapi/` adds the parameters, bodies and answers the controllers read and write without DTO classes.
 */
export function publishOpenApi(app: INestApplication, title: string, description: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(description)
    .setVersion('7.x-compatible')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key or an OIDC access token' })
    .addBasicAuth({
      type: 'http',
      scheme: 'basic',
      description: 'Any user name, the API key as the password',
    })
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('basic')
    .build();
  let document: ReturnType<typeof SwaggerModule.createDocument> | undefined;
  SwaggerModule.setup(
    'docs',
    app,
    () => (document ??= describeCamundaOperations(SwaggerModule.createDocument(app, config))),
    {
      jsonDocumentUrl: `${ENGINE_REST_PATH.replace(/^\//, '')}/openapi.json`,
      raw: ['json'],
    },
  );
}
