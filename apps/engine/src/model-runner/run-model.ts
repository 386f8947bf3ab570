import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { parseCliArguments } from '../cli-arguments.js';
import { ModelRunnerModule } from './model-runner.module.js';
import { ModelRunnerService } from './model-runner.service.js';

const USAGE = `Usage: npm run model -- <model.bpmn> [--dmn <decisions.dmn> …] [--process <id>] [--var name=value …] [--auto]
  Runs the model in memory and prints its trace until every token waits (no database, no servers).
  --dmn    DMN documents whose decisions the model's business rule tasks call
  --auto   complete jobs and user tasks and fire timers (on a simulated clock) until the instance ends`;

async function main(): Promise<number> {
  const args = parseCliArguments(process.argv.slice(2));
  if (args.help || !args.file) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  const xml = await readFile(args.file, 'utf8');
  const decisionXmls = await Promise.all(args.decisionFiles.map((file) => readFile(file, 'utf8')));
  const app = await NestFactory.createApplicationContext(ModelRunnerModule, { logger: ['error', 'warn'] });
  try {
    const report = await app.get(ModelRunnerService).run(xml, {
      ...(args.processId ? { processId: args.processId } : {}),
      variables: args.variables,
      decisionXmls,
      auto: args.auto,
    });
    for (const finding of report.findings) {
      const where = finding.elementId
        ? ` [${finding.elementId}]`
        : finding.line
          ? ` [line ${finding.line}]`
          : '';
      console.log(
        `${finding.severity === 'error' ? 'ERROR' : 'warning'} ${finding.rule}${where}: ${finding.message}`,
      );
    }
    for (const line of report.lines) console.log(line);
    return report.state ? 0 : 1;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
