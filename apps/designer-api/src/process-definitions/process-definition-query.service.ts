import { Injectable } from '@nestjs/common';
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
    const parameters: unknown[] = [query.tenantIds];
    const where = ['d.tenant_id = ANY($1)'];
    if (query.id !== undefined) {
      parameters.push(query.id);
      where.push(`d.id = $${parameters.length}`);
    }
    if (query.key !== undefined) {
      parameters.push(query.key);
      where.push(`d.key = $${parameters.length}`);
    }
    if (query.latestVersion) {
      where.push(
        `d.version = (SELECT max(l.version) FROM process_definitions l WHERE l.tenant_id = d.tenant_id AND l.key = d.key)`,
      );
    }
    parameters.push(query.offset);
    const offset = `OFFSET $${parameters.length}`;
    let limit = '';
    if (query.limit !== null) {
      parameters.push(query.limit);
      limit = `LIMIT $${parameters.length}`;
    }
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.key, d.version, d.name, d.version_tag, d.resource_name, d.deployment_id, d.tenant_id, d.suspended,
         d.history_time_to_live_days
       FROM process_definitions d WHERE ${where.join(' AND ')}
       ORDER BY d.key, d.tenant_id, d.version ${limit} ${offset}`,
      parameters,
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
