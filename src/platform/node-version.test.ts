import { describe, expect, it } from 'vitest';
import { oldNodeWarning } from './node-version.ts';

describe('oldNodeWarning', () => {
  it('is silent on Node 24 and later, and names the running version below it', () => {
    expect(oldNodeWarning('24.21.0')).toBeNull();
    expect(oldNodeWarning('26.1.0')).toBeNull();
    expect(oldNodeWarning('20.20.2')).toMatch(/рассчитан на Node\.js 24, а запущен на 20\.20\.2/);
  });

  it('the test suite itself runs on Node 24 (npm test takes it from node_modules)', () => {
    expect(oldNodeWarning()).toBeNull();
  });
});
