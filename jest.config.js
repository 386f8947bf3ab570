/**
 * Jest runs in native ESM mode (node --experimental-vm-modules): Nest 12, bpmn-moddle and feelin are ESM-only.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: {
    '^#(bpmn|lora|adapters|store|camunda-rest)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // bpmnlint (CommonJS) requires the ESM-only min-dash, which Node >= 20.19 does natively but Jest before Node 24.9
  // cannot: min-dash is transformed too, to CommonJS where it is required and left ESM where it is imported.
  transformIgnorePatterns: ['/node_modules/(?!min-dash/)'],
  transform: {
    '/node_modules/min-dash/.+\\.js$': [
      'ts-jest',
      {
        useESM: true,
        tsconfig: { allowJs: true, module: 'esnext', moduleResolution: 'bundler', isolatedModules: true },
      },
    ],
    '^.+\\.ts$': [
      'ts-jest',
      {
        useESM: true,
        tsconfig: {
          module: 'esnext',
          moduleResolution: 'bundler',
          isolatedModules: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
        },
      },
    ],
  },
};
