/** Jest runs every suite under tests/; TypeScript goes through ts-jest (type checking is `npm run typecheck`). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Suites start servers, databases and child processes; on a busy 2-core CI machine 5 s is too tight.
  testTimeout: 30_000,
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // PGlite's CJS build uses import() of Node built-ins, which jest's CommonJS vm refuses.
    '/@electric-sql/pglite/dist/.+\\.c?js$': '<rootDir>/tests/support/db/pglite-jest-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
