import { describe, expect, it } from '@jest/globals';
import { logLevelOfNest, maskCprNumbers } from './structured-logging.js';

describe('maskCprNumbers', () => {
  it('masks CPR-shaped numbers with and without the dash, wherever they stand in a line', () => {
    expect(maskCprNumbers('{"msg":"Ansøger 010190-1234 / 0101901234","path":"/x/3112994321"}')).toBe(
      '{"msg":"Ansøger ******-**** / ******-****","path":"/x/******-****"}',
    );
  });

  it('leaves longer numbers (timestamps in ms), shorter ones and ids alone', () => {
    const line =
      '{"time":1796029266066,"responseTime":153,"reqId":12345,"id":"5f0c6e2a-0101-4c2b-9a1e-0101901234ab"}';
    expect(maskCprNumbers(line)).toBe(line);
  });
});

describe('logLevelOfNest', () => {
  it('writes what the most verbose Nest level listed asks for; false writes nothing', () => {
    expect(logLevelOfNest(['error'])).toBe('error');
    expect(logLevelOfNest(['log', 'warn', 'error', 'fatal'])).toBe('info');
    expect(logLevelOfNest(['debug', 'error'])).toBe('debug');
    expect(logLevelOfNest(false)).toBe('silent');
  });
});
