import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('bin/fenceng.js', () => {
  it('runs as a real process (what npx fenceng and npm start use)', () => {
    const out = execFileSync(process.execPath, ['bin/fenceng.js', 'check-rules', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).ok).toBe(true);
  });
});
