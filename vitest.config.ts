import { defineConfig } from 'vitest/config';

// CI runs on two cores; end-to-end tests that spawn the CLI or a browser can
// pass 5 s when the machine is busy, so give each test room (tests never assert on time).
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
