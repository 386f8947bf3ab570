import { describe, expect, it } from '@jest/globals';
import { CPR_PATTERN, MAX_MESSAGE_LENGTH, maskSensitiveText, maskSensitiveValue } from './sensitive-text.js';

describe('maskSensitiveText', () => {
  it('masks CPR numbers with and without the hyphen', () => {
    expect(maskSensitiveText('Person 010190-1234 and 0101901234 not found')).toBe(
      'Person [CPR] and [CPR] not found',
    );
    expect(CPR_PATTERN.test('0101901234')).toBe(true);
  });

  it('leaves other numbers alone', () => {
    expect(maskSensitiveText('case 27.00.00-A00-1-24, status 503, phone 12345678')).toBe(
      'case 27.00.00-A00-1-24, status 503, phone 12345678',
    );
  });

  it('masks the given secrets and credential-looking text', () => {
    expect(maskSensitiveText('login failed for s3cr3t-pw', ['s3cr3t-pw'])).toBe('login failed for [secret]');
    expect(maskSensitiveText('Authorization: Bearer eyJhbGciOi.x.y')).toBe('Authorization: Bearer [secret]');
    expect(maskSensitiveText('GET https://svc:hunter22@sbsys.example/api')).toBe(
      'GET https://[secret]@sbsys.example/api',
    );
    expect(maskSensitiveText('{"password":"hunter22","user":"a"} api_key=abc&x=1')).toBe(
      '{"password":"[secret]","user":"a"} api_key=[secret]&x=1',
    );
  });

  it('does not mask secrets too short to search for', () => {
    expect(maskSensitiveText('a1 b2', ['a1'])).toBe('a1 b2');
  });

  it('cuts very long messages', () => {
    const masked = maskSensitiveText('x'.repeat(MAX_MESSAGE_LENGTH + 50));
    expect(masked).toHaveLength(MAX_MESSAGE_LENGTH + '… (cut)'.length);
  });
});

describe('maskSensitiveValue', () => {
  it('masks every string in a JSON value, keys too, and drops what is not JSON', () => {
    expect(
      maskSensitiveValue({
        cpr: '0101901234',
        list: ['010190-1234', 3, null],
        '0101901234': true,
        fn: () => 1,
      }),
    ).toEqual({ cpr: '[CPR]', list: ['[CPR]', 3, null], '[CPR]': true });
  });
});
