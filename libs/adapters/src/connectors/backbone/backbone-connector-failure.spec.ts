import { describe, expect, it } from '@jest/globals';
import { LoraClientError, LoraLookupError } from '#lora';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { connectorFailureOf } from './backbone-connector-failure.js';

describe('connectorFailureOf: backbone failures as the connector contract classifies them', () => {
  const mapped = { notFoundErrorCode: 'NO_UNIT' };

  it("turns a lookup that found nothing (either backbone's) into the model's BPMN error when it names one", () => {
    const notFound = new LoraLookupError('NOT_FOUND', 'No unit is ansvarlig for KLE 01.02.03');
    expect(connectorFailureOf(notFound, mapped)).toMatchObject({
      message: 'Backbone: No unit is ansvarlig for KLE 01.02.03',
      bpmnErrorCode: 'NO_UNIT',
    });
    expect((connectorFailureOf(notFound) as PermanentConnectorError).bpmnErrorCode).toBeUndefined();
    const ambiguous = connectorFailureOf(new LoraLookupError('AMBIGUOUS', 'Two klasser'), mapped);
    expect(ambiguous).toBeInstanceOf(PermanentConnectorError);
    expect((ambiguous as PermanentConnectorError).bpmnErrorCode).toBeUndefined();
  });

  it("classifies LoRA's answers by status", () => {
    expect(
      connectorFailureOf(new LoraClientError(503, 'down', 'GET', '/organisation/organisationenhed/{uuid}')),
    ).toBeInstanceOf(RetryableConnectorError);
    expect(
      connectorFailureOf(new LoraClientError(410, 'deleted', 'GET', '/sag/sag/{uuid}'), mapped),
    ).toMatchObject({
      bpmnErrorCode: 'NO_UNIT',
      details: { status: 410 },
    });
    const invalid = connectorFailureOf(
      new LoraClientError(400, "'titel' is required", 'POST', '/sag/sag'),
      mapped,
    );
    expect(invalid).toMatchObject({ message: "LoRA answered POST /sag/sag with 400: 'titel' is required" });
    expect((invalid as PermanentConnectorError).bpmnErrorCode).toBeUndefined();
  });

  it("passes KOMBIT services' own classified failures on as they are", () => {
    const expired = new RetryableConnectorError('SDI: token expired twice');
    const fault = new PermanentConnectorError('SDI: Sag.Titel is required');
    expect(connectorFailureOf(expired, mapped)).toBe(expired);
    expect(connectorFailureOf(fault, mapped)).toBe(fault);
  });
});
