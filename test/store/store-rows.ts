import { compileBpmn, compileDmn, ProcessExecutor, typedVariablesOf } from '#bpmn';
import {
  BufferedMessageEntity,
  DecisionDefinitionEntity,
  DeploymentEntity,
  DeploymentResourceEntity,
  EventSubscriptionEntity,
  HistoryActivityInstanceEntity,
  HistoryIncidentEntity,
  HistoryOperationEntity,
  HistoryProcessInstanceEntity,
  HistoryVariableUpdateEntity,
  IncidentEntity,
  JobEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  UserTaskEntity,
  VariableEntity,
  IdempotentStartEntity,
  LoraRegistrationEntity,
  LoraSearchValueEntity,
  LoraDocumentContentEntity,
  LoraNotificationEntity,
  LoraReactionReceiptEntity,
  BeskedfordelerMessageEntity,
} from '#store';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { decisionTable, dmnDocument } from '../support/dmn-xml.js';

/** One row of an entity, with every column set, to save and read back. */
export interface SampleRow {
  entity: EntityTarget<ObjectLiteral>;
  /** The primary key's properties, to read the row back by. */
  key: string[];
  row: ObjectLiteral;
}

const at = (iso: string) => new Date(iso);

/**
 * A coherent set of rows, one per table, saved in foreign-key order: a deployment with its BPMN and DMN, a running
 * instance of the compiled process (the core's real state and executable model as jsonb), its projections and
 * its history. Timestamps carry milliseconds and jsonb holds Danish text, so both survive the round trip.
 */
export async function sampleRows(): Promise<SampleRow[]> {
  const xml = bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="review" name="Vurdér aktindsigt" camunda:assignee="sagsbehandler" /><bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`,
    { id: 'aktindsigt' },
  );
  const { model } = await compileBpmn(xml);
  if (!model) throw new Error('The sample process does not compile');
  const process = model.processes[0];
  const started = new ProcessExecutor(process, { now: () => at('2026-01-05T08:00:00.000Z') }).execute(null, {
    type: 'start',
    instanceId: 'pi-1',
    businessKey: 'SAG-2026-0042',
    variables: typedVariablesOf({ borger: 'Åse Ørsted', antal: 3 }),
  });
  const dmn = dmnDocument(
    decisionTable('frist', { inputs: ['antal'], outputs: ['dage'], rules: [{ when: ['> 2'], then: ['7'] }] }),
  );
  const { model: decisions } = await compileDmn(dmn);
  if (!decisions) throw new Error('The sample decision does not compile');

  const deploymentId = '0b6f1d4e-6c36-4a55-9a8e-2d1f5e0f7a11';
  const rows: SampleRow[] = [
    sample(DeploymentEntity, ['id'], {
      id: deploymentId,
      tenantId: 'aarhus',
      name: 'Aktindsigt',
      source: 'Camunda Modeler',
      deployedAt: at('2026-01-05T07:59:59.123Z'),
    }),
    sample(DeploymentResourceEntity, ['id'], {
      id: '5d3c0a7e-1f7b-4a1e-8c2d-9b0e6f4a3c21',
      deploymentId,
      tenantId: 'aarhus',
      name: 'aktindsigt.bpmn',
      content: Buffer.concat([Buffer.from(xml, 'utf8'), Buffer.from([0, 1, 254, 255])]),
      checksum: 'sha256:abc',
    }),
    sample(ProcessDefinitionEntity, ['id'], {
      id: 'aktindsigt:1:0b6f1d4e',
      tenantId: 'aarhus',
      key: 'aktindsigt',
      version: 1,
      versionTag: 'v2026.1',
      name: 'Aktindsigt',
      deploymentId,
      resourceName: 'aktindsigt.bpmn',
      checksum: 'sha256:abc',
      executable: process,
      historyTimeToLiveDays: 180,
      suspended: false,
      createdAt: at('2026-01-05T07:59:59.456Z'),
    }),
    sample(DecisionDefinitionEntity, ['id'], {
      id: 'frist:1:0b6f1d4e',
      tenantId: 'aarhus',
      key: 'frist',
      version: 1,
      name: 'Frist',
      deploymentId,
      resourceName: 'frist.dmn',
      versionTag: null,
      decisionRequirementsKey: decisions.id,
      decisionRequirementsId: `${decisions.id}:1:0b6f1d4e`,
      decisionRequirementsVersion: 1,
      checksum: 'sha256:def',
      executable: decisions,
    }),
    sample(ProcessInstanceEntity, ['id'], {
      id: 'pi-1',
      tenantId: 'aarhus',
      definitionId: 'aktindsigt:1:0b6f1d4e',
      definitionKey: 'aktindsigt',
      businessKey: 'SAG-2026-0042',
      status: started.state.status,
      suspended: false,
      state: started.state,
      version: 3,
      superInstanceId: null,
      superWaitKey: null,
      startedAt: at('2026-01-05T08:00:00.001Z'),
      endedAt: null,
    }),
    sample(VariableEntity, ['processInstanceId', 'scopeKey', 'name'], {
      processInstanceId: 'pi-1',
      scopeKey: started.state.rootKey,
      name: 'borger',
      tenantId: 'aarhus',
      type: 'String',
      // A bare JSON string: the driver parses jsonb, so it must not be parsed twice.
      value: 'Åse Ørsted',
      valueInfo: null,
    }),
    sample(JobEntity, ['id'], {
      id: 'pi-1.7',
      tenantId: 'aarhus',
      processInstanceId: 'pi-1',
      elementId: 'review',
      elementInstanceKey: 'pi-1.3',
      kind: 'external-task',
      type: 'send-letter',
      payload: { headers: { kanal: 'e-Boks' }, variables: ['borger'] },
      dueAt: at('2026-01-06T09:30:00.250Z'),
      retries: 3,
      retryTimeCycle: 'R3/PT10M',
      priority: 10,
      lockOwner: 'worker-1',
      lockExpiresAt: at('2026-01-06T09:35:00.250Z'),
      errorMessage: 'Timeout mod e-Boks',
      errorDetails: 'at send()',
      createdAt: at('2026-01-05T08:00:00.002Z'),
    }),
    sample(EventSubscriptionEntity, ['id'], {
      id: 'pi-1.8',
      tenantId: 'aarhus',
      processInstanceId: 'pi-1',
      elementId: 'svarModtaget',
      kind: 'message',
      name: 'svar',
      correlationKey: 'SAG-2026-0042',
      businessKey: 'SAG-2026-0042',
      createdAt: at('2026-01-05T08:00:00.003Z'),
    }),
    sample(BufferedMessageEntity, ['id'], {
      id: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
      tenantId: 'aarhus',
      name: 'svar',
      correlationKey: 'SAG-2026-0043',
      businessKey: null,
      processInstanceId: 'pi-1',
      correlationVariables: { sagsnummer: 'SAG-2026-0043' },
      localCorrelationVariables: { runde: 2 },
      variables: typedVariablesOf({ svar: 'ja', dokumenter: [{ titel: 'Bilag 1' }] }),
      localVariables: typedVariablesOf({ kanal: 'e-Boks' }),
      expiresAt: at('2026-01-12T08:00:00.000Z'),
      createdAt: at('2026-01-05T08:00:00.004Z'),
    }),
    sample(UserTaskEntity, ['id'], {
      id: 'pi-1.4',
      tenantId: 'aarhus',
      processInstanceId: 'pi-1',
      processDefinitionId: 'aktindsigt:1:0b6f1d4e',
      elementId: 'review',
      elementInstanceKey: 'pi-1.3',
      name: 'Vurdér aktindsigt',
      assignee: 'sagsbehandler',
      candidateUsers: ['anna', 'bo'],
      candidateGroups: ['jura'],
      dueDate: at('2026-01-12T12:00:00.000Z'),
      followUpDate: at('2026-01-09T12:00:00.000Z'),
      priority: 60,
      formKey: 'embedded:app:forms/vurdering.html',
      createdAt: at('2026-01-05T08:00:00.005Z'),
      updatedAt: at('2026-01-05T09:30:00.000Z'),
    }),
    sample(IncidentEntity, ['id'], {
      id: 'pi-1.9',
      tenantId: 'aarhus',
      processInstanceId: 'pi-1',
      processDefinitionId: 'aktindsigt:1:0b6f1d4e',
      elementId: 'review',
      elementInstanceKey: 'pi-1.3',
      incidentType: 'job-failed',
      message: 'Retries exhausted',
      jobId: 'pi-1.7',
      jobKind: 'connector',
      createdAt: at('2026-01-05T08:00:00.006Z'),
    }),
    sample(HistoryProcessInstanceEntity, ['id'], {
      id: 'pi-0',
      tenantId: 'aarhus',
      definitionId: 'aktindsigt:1:0b6f1d4e',
      definitionKey: 'aktindsigt',
      businessKey: 'SAG-2025-0001',
      state: 'failed',
      superInstanceId: null,
      startedAt: at('2025-12-01T10:00:00.000Z'),
      endedAt: at('2025-12-02T10:00:00.999Z'),
      removalTime: at('2026-05-31T10:00:00.999Z'),
      failure: { errorCode: 'AFVIST', errorMessage: 'Ansøgning afvist', elementId: 'review' },
    }),
    sample(HistoryActivityInstanceEntity, ['id'], {
      id: 'pi-0.3',
      tenantId: 'aarhus',
      processInstanceId: 'pi-0',
      definitionId: 'aktindsigt:1:0b6f1d4e',
      activityId: 'review',
      activityType: 'userTask',
      parentActivityInstanceId: 'pi-0.1',
      state: 'completed',
      startedAt: at('2025-12-01T10:00:00.010Z'),
      endedAt: at('2025-12-02T09:00:00.020Z'),
      removalTime: null,
    }),
    sample(HistoryVariableUpdateEntity, ['id'], {
      tenantId: 'aarhus',
      processInstanceId: 'pi-0',
      scopeKey: 'pi-0.1',
      name: 'dokumenter',
      type: 'Json',
      value: [{ titel: 'Bilag 1', sider: 2 }],
      valueInfo: { serializationDataFormat: 'application/json' },
      deleted: false,
      updatedAt: at('2025-12-01T10:00:00.030Z'),
      removalTime: null,
    }),
    sample(HistoryIncidentEntity, ['id'], {
      id: 'pi-0.9',
      tenantId: 'aarhus',
      processInstanceId: 'pi-0',
      processDefinitionId: 'aktindsigt:1:0b6f1d4e',
      elementId: 'review',
      elementInstanceKey: 'pi-0.3',
      jobId: null,
      jobKind: null,
      incidentType: 'expression-failed',
      message: "Unknown variable 'frist'",
      createdAt: at('2025-12-01T10:00:00.040Z'),
      resolvedAt: at('2025-12-01T11:00:00.050Z'),
      deleted: false,
      removalTime: null,
    }),
    sample(HistoryOperationEntity, ['id'], {
      tenantId: 'aarhus',
      processInstanceId: 'pi-0',
      operation: 'resolve-incident',
      details: { incidentId: 'pi-0.9', note: 'Rettet af drift' },
      userId: 'drift',
      at: at('2025-12-01T11:00:00.050Z'),
      removalTime: null,
    }),
    sample(IdempotentStartEntity, ['tenantId', 'key'], {
      tenantId: 'aarhus',
      key: 'portal-7f3a',
      processInstanceId: 'pi-1',
      createdAt: at('2026-01-05T08:00:00.010Z'),
    }),
    sample(LoraRegistrationEntity, ['id'], {
      tenantId: 'aarhus',
      objectType: 'organisationenhed',
      uuid: '6ff6cf06-fa47-4bc8-8a0e-7b21763bc30a',
      registeredFrom: at('2026-01-05T08:00:00.020Z'),
      registeredTo: null,
      livscykluskode: 'Opstaaet',
      brugerref: 'portal',
      note: 'Ny enhed',
      content: {
        attributter: {
          organisationenhedegenskaber: [
            {
              brugervendtnoegle: 'børn-og-unge',
              enhedsnavn: 'Børn og Unge',
              virkning: {
                from: '2026-01-01T00:00:00.000Z',
                to: 'infinity',
                from_included: true,
                to_included: false,
              },
            },
          ],
        },
        tilstande: {},
        relationer: {},
      },
      brugervendtnoegle: 'børn-og-unge',
    }),
  ];
  rows.push(
    sample(LoraSearchValueEntity, ['id'], {
      tenantId: 'aarhus',
      registrationId: '900001',
      kind: 'attribut',
      name: 'enhedsnavn',
      value: 'børn og unge',
      objekttype: null,
      virkningFrom: at('2026-01-01T00:00:00.000Z'),
      virkningTo: null,
    }),
    sample(LoraDocumentContentEntity, ['tenantId', 'contentPath'], {
      tenantId: 'aarhus',
      contentPath: '2026/01/05/08/00/0b6f1d4e-3b4c-4d5e-8f60-718293a4b5c6.bin',
      mimetype: 'text/plain',
      size: 13,
      content: Buffer.from('Afgørelse 1\n', 'utf8'),
      createdAt: at('2026-01-05T08:00:00.030Z'),
    }),
    sample(LoraNotificationEntity, ['id'], {
      tenantId: 'aarhus',
      objectUuid: '6ff6cf06-fa47-4bc8-8a0e-7b21763bc30a',
      objectType: 'organisationenhed',
      livscykluskode: 'Opstaaet',
      registeredAt: at('2026-01-05T08:00:00.020Z'),
      publishedAt: at('2026-01-05T08:00:00.120Z'),
    }),
    sample(LoraReactionReceiptEntity, ['tenantId', 'key'], {
      tenantId: 'aarhus',
      key: 'lora-notification:42:klasse-rettet',
      receivedAt: at('2026-01-05T08:00:00.130Z'),
    }),
    sample(BeskedfordelerMessageEntity, ['tenantId', 'beskedId'], {
      tenantId: 'aarhus',
      beskedId: '5b0e4a52-93c1-4b8e-9f0e-2d7c1a3b4c5d',
      beskedtype: 'a3b1c2d4-0000-4000-8000-000000000001',
      handledAs: 'started',
      processInstanceId: 'pi-1',
      receivedAt: at('2026-01-05T08:00:00.040Z'),
    }),
  );
  return rows;
}

/** A row of `entity`: every column but a generated id must be given. */
function sample<T extends ObjectLiteral>(
  entity: new () => T,
  key: Array<keyof T & string>,
  values: Omit<T, 'id'> & Partial<T>,
): SampleRow {
  return { entity, key, row: Object.assign(new entity(), values) };
}

/** Saves every sample row in order and reads each back by its key: [saved, read] pairs. */
export async function saveAndReadBack(
  dataSource: DataSource,
  rows: SampleRow[],
): Promise<Array<{ entity: string; saved: ObjectLiteral; read: ObjectLiteral | null }>> {
  const results = [];
  for (const { entity, key, row } of rows) {
    const repository = dataSource.getRepository(entity);
    const saved = await repository.save({ ...row });
    const read = await repository.findOneBy(Object.fromEntries(key.map((name) => [name, saved[name]])));
    results.push({ entity: repository.metadata.name, saved, read: read && normaliseBinary(read) });
  }
  return results;
}

/** `pg` reads bytea as a Buffer, PGlite as a Uint8Array: compare both as Buffers. */
function normaliseBinary(row: ObjectLiteral): ObjectLiteral {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value instanceof Uint8Array ? Buffer.from(value) : value,
    ]),
  );
}
