import { describe, expect, it } from 'vitest';
import { beijingStamp as beijingTime } from '../shared/beijing-time.js';

describe('校验时间 on the Beijing clock', () => {
  it('an evening in UTC is the next morning in Beijing', () => {
    expect(beijingTime(new Date('2026-12-01T20:30:00Z'))).toBe('2026-12-02 04:30');
  });
  it('near miss: 15:59 UTC is still 23:59 the same day', () => {
    expect(beijingTime(new Date('2026-12-01T15:59:00Z'))).toBe('2026-12-01 23:59');
  });
});
