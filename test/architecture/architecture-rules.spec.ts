import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import madge from 'madge';

/** The rules `npm test` enforces on the code's shape, checked against code that breaks them. */
describe('architecture rules', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath }))[0].messages;

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'framework-free'],
    ["import { DataSource } from 'typeorm';", 'no persistence'],
    ["import Queue from 'bull';", 'no queueing'],
    ["import { readFile } from 'node:fs/promises';", 'no I/O'],
    ["import { Pool } from 'pg';", 'no persistence'],
    ["import { createStoreDataSource } from '#store';", 'depends on nothing else'],
  ])('the BPMN core may not import framework or I/O code: %s', async (importLine, why) => {
    const messages = await lint('libs/bpmn/src/runtime/example.ts', `${importLine}\n`);
    expect(messages.filter((message) => message.ruleId === 'no-restricted-imports')).toEqual([
      expect.objectContaining({ message: expect.stringContaining(why) }),
    ]);
  });

  it('the BPMN core takes time from its injected clock, not Date.now()', async () => {
    const messages = await lint('libs/bpmn/src/runtime/example.ts', 'export const now = Date.now();\n');
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-properties' })]);
  });

  it('nothing anywhere may eval text', async () => {
    const messages = await lint('apps/engine/src/example.ts', "export const f = new Function('return 1');\n");
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-new-func' })]);
  });

  it("apps import a library through its entry, not through another library's src", async () => {
    const messages = await lint(
      'apps/engine/src/example.ts',
      "import { x } from '../../../libs/bpmn/src/runtime/execution.js';\nexport const y = x;\n",
    );
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports' })]);
  });

  it('the same imports are fine outside the core', async () => {
    expect(
      await lint(
        'apps/engine/src/example.ts',
        "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
      ),
    ).toEqual([]);
  });

  it('the cycle check finds an import cycle (the fixture is excluded from `npm run cycles`)', async () => {
    const result = await madge('test/fixtures/import-cycle', { fileExtensions: ['ts'] });
    expect(result.circular()).toEqual([['first.ts', 'second.ts']]);
  });
});
