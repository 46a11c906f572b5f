import { defineConfig } from 'vitest/config';

// Unit, db, docx and cli tests run under plain Node against real SQLite files in temp folders.
export default defineConfig({
  test: {
    include: ['tests/{unit,db,docx,cli,reliability,server}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
