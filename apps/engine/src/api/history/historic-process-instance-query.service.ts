import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HistoricProcessInstanceRow } from './historic-process-instance.response.js';

/** Reads the history of process instances, only ever within the tenants a request may see. */
@Injectable()
export class HistoricProcessInstanceQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string, tenantIds: string[]): Promise<HistoricProcessInstanceRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT h.id, h.tenant_id, h.definition_id, h.definition_key, d.name AS definition_name, d.version AS definition_version,
         h.business_key, h.state, p.suspended, h.super_instance_id, h.started_at, h.ended_at, h.removal_time
       FROM history_process_instances h
       LEFT JOIN process_definitions d ON d.id = h.definition_id
       LEFT JOIN process_instances p ON p.id = h.id
       WHERE h.id = $1 AND h.tenant_id = ANY($2)`,
      [id, tenantIds],
    )) as HistoricProcessInstanceRow[];
    return rows[0];
  }
}
