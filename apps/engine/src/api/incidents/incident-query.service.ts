import { SqlFilter } from '#camunda-rest';
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
    const filter = new SqlFilter('tenant_id', query.tenantIds)
      .equal('id', query.incidentId)
      .equal('process_instance_id', query.processInstanceId)
      .equal('process_definition_id', query.processDefinitionId)
      .equal('element_id', query.activityId);
    const page = filter.page(query.offset, query.limit);
    const rows = (await this.dataSource.query(
      `SELECT id, tenant_id, process_instance_id, process_definition_id, element_id, element_instance_key, incident_type,
         message, job_id, created_at
       FROM incidents WHERE ${filter.where} ORDER BY created_at, id ${page}`,
      filter.parameters,
    )) as IncidentRow[];
    return rows.map(camundaIncidentOf);
  }
}
