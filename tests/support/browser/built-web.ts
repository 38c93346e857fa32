// Browser suites test the real production build. `npm run verify` builds before jest; a suite run alone builds
// here when a face's sources are newer than its build (same rule as `npm start`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt: ensure } = require('../../../scripts/build-web.js') as {
  ensureBuilt(names: string[]): void;
};

export function ensureBuilt(name: 'taskpane' | 'dashboard'): void {
  ensure([name]);
}
