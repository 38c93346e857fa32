/** Jest runs every suite under tests/; TypeScript goes through ts-jest (type checking is `npm run typecheck`). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // Suites start servers, databases and child processes; on a busy 2-core CI machine 5 s is too tight.
  testTimeout: 30_000,
  // Jest's default is one worker per core but one, so a 2-core CI machine ran the suites one by one. They mostly wait
  // (servers, databases, Chromium, Dovecot, child processes): two at a time overlap those waits.
  maxWorkers: Math.max(2, require('node:os').availableParallelism() - 1),
  transform: {
    // The browser faces compile with their own tsconfig (DOM, JSX).
    '/(taskpane|dashboard)/.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.web.json' }],
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // PGlite's CJS build uses import() of Node built-ins, which jest's CommonJS vm refuses.
    '/@electric-sql/pglite/dist/.+\\.c?js$': '<rootDir>/tests/support/db/pglite-jest-transform.js',
    // cookie is ES modules only; fastify's inject (light-my-request) requires it.
    '/node_modules/cookie/dist/.+\\.js$': '<rootDir>/tests/support/esm-jest-transform.js',
    // strip-bom 5 too; @microsoft/app-manifest (the unified manifest's schemas, tests/manifest/) requires it.
    '/node_modules/strip-bom/.+\\.js$': '<rootDir>/tests/support/esm-jest-transform.js',
  },
  transformIgnorePatterns: [
    '/node_modules/(?!@electric-sql/pglite/|cookie/|@microsoft/app-manifest/node_modules/strip-bom/|strip-bom/)',
  ],
  // office-addin-mock requires office-addin-manifest, whose main module pulls in what jest cannot load.
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
    // ES modules only, which jest's CommonJS runtime refuses whatever the transform: see the file.
    '^email-reply-parser$': '<rootDir>/tests/support/email-reply-parser-cjs.js',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
