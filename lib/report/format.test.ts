import { describe, expect, it } from 'vitest';
import { bytes, count, ms } from './format.ts';

describe('bytes', () => {
  it('prints binary units named as such, three significant digits, never in exponent notation', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(3.4 * 1024)).toBe('3.40 KiB');
    expect(bytes(81.2 * 2 ** 20)).toBe('81.2 MiB');
    expect(bytes(1001 * 2 ** 20)).toBe('1001 MiB');
    expect(bytes(1.5 * 2 ** 30)).toBe('1.50 GiB');
    expect(bytes(NaN)).toBe('–');
  });
});

describe('count and ms', () => {
  it('space thousands and scale milliseconds', () => {
    expect(count(300000)).toBe('300 000');
    expect(ms(4.21)).toBe('4.2 ms');
    expect(ms(3140)).toBe('3.14 s');
  });
});
