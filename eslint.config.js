// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Imports the pure BPMN core must never make: it does no I/O and knows no framework. */
const forbiddenInCore = [
  { group: ['@nestjs/*'], message: 'The BPMN core is framework-free: move Nest code to apps/.' },
  {
    group: ['typeorm', 'typeorm/*', 'pg', 'pg-*', '@electric-sql/*'],
    message: 'The BPMN core does no persistence.',
  },
  { group: ['bull', 'bullmq', 'ioredis', 'redis', 'amqplib'], message: 'The BPMN core does no queueing.' },
  {
    group: [
      'fs',
      'node:fs',
      'fs/*',
      'node:fs/*',
      'net',
      'node:net',
      'http',
      'node:http',
      'https',
      'node:https',
      'child_process',
      'node:child_process',
      'vm',
      'node:vm',
      'worker_threads',
      'node:worker_threads',
    ],
    message: 'The BPMN core does no I/O: inject what you need through a port.',
  },
  {
    group: ['**/apps/**', '**/libs/lora/**', '**/libs/adapters/**', '**/libs/store/**'],
    message: 'The BPMN core depends on nothing else in the repo.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '../**/libs/**'],
              message: "Import another library through its entry ('#bpmn', '#lora', '#adapters').",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/bpmn/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbiddenInCore,
          // Subpath imports start with '#', which a pattern would read as a comment: named exactly instead.
          paths: ['#lora', '#adapters', '#store'].map((name) => ({
            name,
            message: 'The BPMN core depends on nothing else in the repo.',
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
        { object: 'Math', property: 'random', message: 'Use the injected id generator.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'The core schedules timers as effects; it never waits itself.' },
        { name: 'setInterval', message: 'The core schedules timers as effects; it never waits itself.' },
        { name: 'process', message: 'The core reads no environment: take configuration as an argument.' },
      ],
    },
  },
);
