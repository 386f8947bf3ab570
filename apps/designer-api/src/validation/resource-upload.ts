import {
  Inject,
  Injectable,
  Optional,
  PayloadTooLargeException,
  type CallHandler,
  type NestInterceptor,
} from '@nestjs/common';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { CamundaRestException } from '#camunda-rest';
import { catchError, throwError, type Observable } from 'rxjs';
import { DEFAULT_MAX_RESOURCE_BYTES, MAX_RESOURCE_BYTES } from './model-validation.service.js';
import { ResourceTooLargeError } from './resource-screening.js';

/**
 * multer's options for the designer-api's uploads (deployment/create, /api/validate): a resource over
 * `maxResourceBytes` stops the upload at that size, so it is never held whole in memory.
 */
export function resourceUploadOptions(maxResourceBytes: number): MulterModuleOptions {
  return { limits: { fileSize: maxResourceBytes, files: 100 } };
}

/** A 413 that names the resource and the limit, in Camunda's error body. */
export function resourceTooLarge(error: ResourceTooLargeError): CamundaRestException {
  return new CamundaRestException(413, 'InvalidRequestException', error.message);
}

/**
 * Turns multer's anonymous "File too large" into a 413 naming the file and the limit. Bound before the files
 * interceptor, so it sees what that one throws.
 */
@Injectable()
export class ResourceSizeLimitInterceptor implements NestInterceptor {
  constructor(
    @Optional()
    @Inject(MAX_RESOURCE_BYTES)
    private readonly maxResourceBytes: number = DEFAULT_MAX_RESOURCE_BYTES,
  ) {}

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const cause = error instanceof PayloadTooLargeException ? error.cause : undefined;
        const { code, filename } = (cause ?? {}) as { code?: string; filename?: string };
        if (code !== 'LIMIT_FILE_SIZE') return throwError(() => error);
        return throwError(() =>
          resourceTooLarge(new ResourceTooLargeError(filename ?? 'unnamed', this.maxResourceBytes)),
        );
      }),
    );
  }
}
