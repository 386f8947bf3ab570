import { describe, expect, it } from '@jest/globals';
import { parseCliArguments } from './cli-arguments.js';

describe('parseCliArguments', () => {
  it('reads the file, the process, typed variables and --auto', () => {
    expect(
      parseCliArguments([
        'model.bpmn',
        '--process',
        'p1',
        '--var',
        'amount=5000',
        '--var',
        'name=Anna',
        '--var',
        'ok=true',
        '--auto',
      ]),
    ).toEqual({
      file: 'model.bpmn',
      decisionFiles: [],
      processId: 'p1',
      variables: { amount: 5000, name: 'Anna', ok: true },
      auto: true,
      help: false,
    });
  });

  it('names the option it does not know', () => {
    expect(() => parseCliArguments(['--fast'])).toThrow("Unknown option '--fast'");
    expect(() => parseCliArguments(['--var', 'oops'])).toThrow("Expected --var name=value, but found 'oops'");
  });
});
