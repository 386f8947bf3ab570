import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { DataSource as DataSourceToken } from 'typeorm';
import { UNAUTHENTICATED_CALLER } from '#camunda-rest';
import { LoraModule, LoraNotificationPublisher, LoraObjectService, LoraRegistrationStore } from '#lora';

/**
 * tsx (esbuild) emits no decorator metadata, so Nest would not know what the LoRA classes' constructors take (the
 * engine's tsc build has it): the benchmark states it, as tsc would have.
 */
function declareConstructorTypes(lora: DynamicModule[]): void {
  const define = (target: object, types: unknown[]) => {
    if (!Reflect.getMetadata('design:paramtypes', target))
      Reflect.defineMetadata('design:paramtypes', types, target);
  };
  define(LoraRegistrationStore, [DataSourceToken, LoraNotificationPublisher]);
  define(LoraObjectService, [LoraRegistrationStore]);
  // The controller is no public export: it is the one the module registers.
  for (const module of lora)
    for (const controller of module.controllers ?? []) define(controller, [LoraObjectService]);
}

@Module({})
class BenchLoraAppModule {}

/**
 * The LoRA API alone in a Nest app over the benchmark's DataSource, as the engine mounts it (`/lora`), every request
 * made by the caller of an engine without authentication; on a free loopback port.
 */
export async function startLoraHttp(
  dataSource: DataSource,
): Promise<{ port: number; app: INestApplication }> {
  const lora = LoraModule.register({ prefix: '/lora' });
  declareConstructorTypes(lora);
  const database: DynamicModule = {
    module: class BenchDataSourceModule {},
    global: true,
    providers: [{ provide: DataSourceToken, useValue: dataSource }],
    exports: [DataSourceToken],
  };
  const root: DynamicModule = {
    module: BenchLoraAppModule,
    imports: [database, ...lora],
  };
  const app = await NestFactory.create(root, { logger: ['error'] });
  app.use((request: { caller?: unknown }, _response: unknown, next: () => void) => {
    request.caller = UNAUTHENTICATED_CALLER;
    next();
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  return { port: address.port, app };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET on a kept-alive connection; rejects unless it answers 200. */
export function getOk(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode === 200) resolve();
        else
          reject(
            new Error(
              `GET ${path} answered ${response.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
            ),
          );
      });
    });
    request.on('error', reject);
  });
}

export function closeHttpAgent(): void {
  agent.destroy();
}
