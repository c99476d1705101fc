import { defineConfig } from "vitest/config";

// Four layers, one command (`npm test`): pure units; the API on real SQLite files; workflows on a
// real Temporal dev server; the console end to end in headless Chromium.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll waits for what a workflow or the console does next; on a loaded 2-core CI machine
    // that takes longer than the 1 s default (a contact-mobile change's check link did).
    expect: { poll: { timeout: 10_000 } },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup-database.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "workflows",
          include: ["tests/workflows/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup-database.ts", "tests/support/global-setup-temporal.ts"],
          setupFiles: ["tests/support/setup-temporal-namespace.ts"],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: [
            "tests/support/global-setup-database.ts",
            "tests/support/global-setup-temporal.ts",
            "tests/support/global-setup-e2e.ts",
          ],
          setupFiles: ["tests/support/setup-temporal-namespace.ts", "tests/support/setup-e2e-diagnostics.ts"],
          testTimeout: 90_000,
          fileParallelism: false,
        },
      },
      // Only under `npm run test:cluster` (TEST_CLUSTER=1): fault tests that start and kill a real
      // Temporal cluster's services of their own.
      ...(process.env.TEST_CLUSTER === "1"
        ? [
            {
              extends: true as const,
              test: {
                name: "cluster",
                include: ["tests/cluster/**/*.test.ts"],
                globalSetup: ["tests/support/global-setup-database.ts"],
                testTimeout: 300_000,
                hookTimeout: 300_000,
                // Each file runs clusters of its own: one at a time on a 2-core machine.
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
