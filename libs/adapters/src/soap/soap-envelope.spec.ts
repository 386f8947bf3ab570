import { describe, expect, it } from '@jest/globals';
import { isSenderFault, readSoapAnswer, soapEnvelopeOf, soapHeadersOf } from './soap-envelope.js';

describe('SOAP envelopes', () => {
  it('builds a 1.1 and a 1.2 request with the action where each version carries it', () => {
    const request = { action: 'urn:x/Op', body: '<m:Op xmlns:m="urn:x"/>', header: '<h:H xmlns:h="urn:h"/>' };
    expect(soapEnvelopeOf({ ...request, version: '1.1' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><h:H xmlns:h="urn:h"/></soap:Header><soap:Body><m:Op xmlns:m="urn:x"/></soap:Body></soap:Envelope>',
    );
    expect(soapEnvelopeOf({ ...request, version: '1.2' })).toContain(
      'xmlns:soap="http://www.w3.org/2003/05/soap-envelope"',
    );
    expect(soapHeadersOf({ ...request, version: '1.1' })).toEqual({
      'content-type': 'text/xml; charset=utf-8',
      soapaction: '"urn:x/Op"',
      accept: 'text/xml',
    });
    expect(soapHeadersOf({ ...request, version: '1.2' })['content-type']).toBe(
      'application/soap+xml; charset=utf-8; action="urn:x/Op"',
    );
  });

  it("reads the body's payload by local name", () => {
    const answer = readSoapAnswer(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body><r:OpResponse xmlns:r="urn:x"><r:v>7</r:v></r:OpResponse></s:Body></s:Envelope>',
      'the answer',
    );
    expect(answer).toEqual({ kind: 'payload', name: 'OpResponse', payload: { v: '7' } });
  });

  it('reads a SOAP 1.1 fault and a SOAP 1.2 fault alike', () => {
    const fault11 = readSoapAnswer(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Invalid PNR</faultstring><detail><e>5</e></detail></s:Fault></s:Body></s:Envelope>',
      'the answer',
    );
    expect(fault11).toEqual({
      kind: 'fault',
      fault: { code: 'Client', subcodes: [], reason: 'Invalid PNR', detail: { e: '5' } },
    });
    const fault12 = readSoapAnswer(
      '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value><env:Subcode><env:Value>m:Busy</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">Try later</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>',
      'the answer',
    );
    expect(fault12).toEqual({
      kind: 'fault',
      fault: { code: 'Receiver', subcodes: ['Busy'], reason: 'Try later' },
    });
    expect(fault11.kind === 'fault' && isSenderFault(fault11.fault)).toBe(true);
    expect(fault12.kind === 'fault' && isSenderFault(fault12.fault)).toBe(false);
  });

  it('refuses an answer that is no SOAP envelope', () => {
    expect(() => readSoapAnswer('<html><body>Bad gateway</body></html>', 'the answer')).toThrow(
      'the answer is no SOAP envelope with a body',
    );
  });
});
