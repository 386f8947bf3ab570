import { Injectable } from '@nestjs/common';
import { camundaIncidentType } from '#camunda-rest';
import { DataSource } from 'typeorm';

/** Which of Camunda's statistics to count besides running instances (its `failedJobs`, `incidents`, `incidentsForType`). */
export interface StatisticsOptions {
  failedJobs: boolean;
  incidents: boolean;
  /** Only incidents of this Camunda type (`failedJob`, …); implies counting incidents. */
  incidentsForType?: string;
}

/** Camunda's `{ incidentType, incidentCount }`. */
export interface IncidentCount {
  incidentType: string;
  incidentCount: number;
}

/** What runs at one activity of a definition: Camunda's `ActivityStatisticsDto`. */
export interface ActivityStatistics {
  id: string;
  instances: number;
  failedJobs: number;
  incidents: IncidentCount[];
}

/**
 * Counts what is running now, per activity of a definition or per definition: active activity instances (the open
 * element instances of running instances), jobs whose retries ran out, and open incidents by type.
 */
@Injectable()
export class DefinitionStatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Per activity of one definition; an activity with nothing running (and no incident or failed job) is left out. */
  async byActivity(
    tenantId: string,
    definitionId: string,
    options: StatisticsOptions,
  ): Promise<ActivityStatistics[]> {
    const instances = (await this.dataSource.query(
      // The process itself has an element instance too (its id is the definition's key): not an activity.
      `SELECT e.element_id AS id, count(*)::int AS count FROM element_instances e
         JOIN process_definitions d ON d.id = e.definition_id AND d.tenant_id = e.tenant_id
       WHERE e.tenant_id = $1 AND e.definition_id = $2 AND e.element_id <> d.key GROUP BY e.element_id`,
      [tenantId, definitionId],
    )) as Array<{ id: string; count: number }>;
    const failedJobs = options.failedJobs
      ? ((await this.dataSource.query(
          `SELECT j.element_id AS id, count(*)::int AS count FROM jobs j
             JOIN process_instances p ON p.id = j.process_instance_id
           WHERE j.tenant_id = $1 AND p.definition_id = $2 AND j.retries = 0 AND j.element_id IS NOT NULL
           GROUP BY j.element_id`,
          [tenantId, definitionId],
        )) as Array<{ id: string; count: number }>)
      : [];
    const incidents = await this.incidentsOf(tenantId, [definitionId], 'element_id', options);
    const ids = new Set([
      ...instances.map((row) => row.id),
      ...failedJobs.map((row) => row.id),
      ...incidents.keys(),
    ]);
    const countOf = (rows: Array<{ id: string; count: number }>, id: string) =>
      rows.find((row) => row.id === id)?.count ?? 0;
    return [...ids].sort().map((id) => ({
      id,
      instances: countOf(instances, id),
      failedJobs: countOf(failedJobs, id),
      incidents: incidents.get(id) ?? [],
    }));
  }

  /** Per definition (by id): running instances, failed jobs and incidents of the definitions given. */
  async byDefinition(
    tenantIds: string[],
    definitionIds: string[],
    options: StatisticsOptions,
  ): Promise<Map<string, Omit<ActivityStatistics, 'id'>>> {
    const instances = (await this.dataSource.query(
      `SELECT definition_id AS id, count(*)::int AS count FROM process_instances
       WHERE tenant_id = ANY($1) AND definition_id = ANY($2) AND status = 'active' GROUP BY definition_id`,
      [tenantIds, definitionIds],
    )) as Array<{ id: string; count: number }>;
    const failedJobs = options.failedJobs
      ? ((await this.dataSource.query(
          `SELECT p.definition_id AS id, count(*)::int AS count FROM jobs j
             JOIN process_instances p ON p.id = j.process_instance_id
           WHERE j.tenant_id = ANY($1) AND p.definition_id = ANY($2) AND j.retries = 0
           GROUP BY p.definition_id`,
          [tenantIds, definitionIds],
        )) as Array<{ id: string; count: number }>)
      : [];
    const incidents = await this.incidentsOf(tenantIds, definitionIds, 'process_definition_id', options);
    return new Map(
      definitionIds.map((id) => [
        id,
        {
          instances: instances.find((row) => row.id === id)?.count ?? 0,
          failedJobs: failedJobs.find((row) => row.id === id)?.count ?? 0,
          incidents: incidents.get(id) ?? [],
        },
      ]),
    );
  }

  /** Open incidents, counted by Camunda type, grouped by `by`; nothing unless incidents are asked for. */
  private async incidentsOf(
    tenantIds: string | string[],
    definitionIds: string[],
    by: 'element_id' | 'process_definition_id',
    options: StatisticsOptions,
  ): Promise<Map<string, IncidentCount[]>> {
    const grouped = new Map<string, IncidentCount[]>();
    if (!options.incidents && options.incidentsForType === undefined) return grouped;
    const rows = (await this.dataSource.query(
      `SELECT ${by} AS id, incident_type, job_kind, count(*)::int AS count FROM incidents
       WHERE tenant_id = ANY($1) AND process_definition_id = ANY($2)
       GROUP BY ${by}, incident_type, job_kind ORDER BY ${by}, incident_type`,
      [Array.isArray(tenantIds) ? tenantIds : [tenantIds], definitionIds],
    )) as Array<{ id: string; incident_type: string; job_kind: string | null; count: number }>;
    for (const row of rows) {
      const incidentType = camundaIncidentType(row.incident_type, row.job_kind);
      if (options.incidentsForType !== undefined && incidentType !== options.incidentsForType) continue;
      const counts = grouped.get(row.id) ?? [];
      const existing = counts.find((count) => count.incidentType === incidentType);
      if (existing) existing.incidentCount += row.count;
      else counts.push({ incidentType, incidentCount: row.count });
      grouped.set(row.id, counts);
    }
    return grouped;
  }
}
