import { Injectable } from '@nestjs/common';
import { SqlFilter } from '#camunda-rest';
import { DataSource } from 'typeorm';
import type { ProcessDefinitionView } from './camunda-process-definition.js';

export interface ProcessDefinitionQuery {
  tenantIds: string[];
  id?: string;
  key?: string;
  /** Only the latest version of each key (per tenant). */
  latestVersion?: boolean;
  offset: number;
  limit: number | null;
}

/** Finds deployed process definitions, only ever within the tenants a request may see; by key, then version. */
@Injectable()
export class ProcessDefinitionQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: ProcessDefinitionQuery): Promise<ProcessDefinitionView[]> {
    const filter = new SqlFilter('d.tenant_id', query.tenantIds)
      .equal('d.id', query.id)
      .equal('d.key', query.key);
    if (query.latestVersion) {
      filter.condition(
        `d.version = (SELECT max(l.version) FROM process_definitions l WHERE l.tenant_id = d.tenant_id AND l.key = d.key)`,
      );
    }
    const page = filter.page(query.offset, query.limit);
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.key, d.version, d.name, d.version_tag, d.resource_name, d.deployment_id, d.tenant_id, d.suspended,
         d.history_time_to_live_days
       FROM process_definitions d WHERE ${filter.where}
       ORDER BY d.key, d.tenant_id, d.version ${page}`,
      filter.parameters,
    )) as Array<{
      id: string;
      key: string;
      version: number;
      name: string | null;
      version_tag: string | null;
      resource_name: string;
      deployment_id: string;
      tenant_id: string;
      suspended: boolean;
      history_time_to_live_days: number | null;
    }>;
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      version: Number(row.version),
      name: row.name,
      versionTag: row.version_tag,
      resource: row.resource_name,
      deploymentId: row.deployment_id,
      tenantId: row.tenant_id,
      suspended: row.suspended,
      historyTimeToLiveDays: row.history_time_to_live_days,
    }));
  }
}
