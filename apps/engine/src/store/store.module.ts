import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Gives an app the process's store as TypeORM's `DataSource`. Global, as @nestjs/typeorm's is: every module of an
 * app reads the same database. The app does not own it: the process opened it (see `openStore`) and closes it after
 * every app in it has stopped, since the engine and the designer-api may share one (PGlite allows no second).
 */
@Module({})
export class StoreModule {
  static forDataSource(dataSource: DataSource): DynamicModule {
    return {
      module: StoreModule,
      global: true,
      providers: [{ provide: DataSource, useValue: dataSource }],
      exports: [DataSource],
    };
  }
}
