import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { camundaIncidentOf, type IncidentRow } from './incident.response.js';

export interface IncidentQuery {
  tenantIds: string[];
  incidentId?: string;
  processInstanceId?: string;
  processDefinitionId?: string;
  activityId?: string;
  offset: number;
  limit: number | null;
}

/** Reads open incidents, only ever within the tenants a request may see, oldest first. */
@Injectable()
export class IncidentQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: IncidentQuery): Promise<Array<Record<string, unknown>>> {
    const parameters: unknown[] = [query.tenantIds];
    const where = ['tenant_id = ANY($1)'];
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      parameters.push(value);
      where.push(`${column} = $${parameters.length}`);
    };
    equal('id', query.incidentId);
    equal('process_instance_id', query.processInstanceId);
    equal('process_definition_id', query.processDefinitionId);
    equal('element_id', query.activityId);
    parameters.push(query.offset);
    const offset = `OFFSET $${parameters.length}`;
    let limit = '';
    if (query.limit !== null) {
      parameters.push(query.limit);
      limit = `LIMIT $${parameters.length}`;
    }
    const rows = (await this.dataSource.query(
      `SELECT id, tenant_id, process_instance_id, process_definition_id, element_id, element_instance_key, incident_type,
         message, job_id, created_at
       FROM incidents WHERE ${where.join(' AND ')} ORDER BY created_at, id ${limit} ${offset}`,
      parameters,
    )) as IncidentRow[];
    return rows.map(camundaIncidentOf);
  }
}
