/**
 * Kernel releases: parsing what people and `uname -r` write, and "has this release got it",
 * stable backports included.
 */
import { describe, expect, it } from 'vitest';
import { aggregateAt, modelledRelease, parseKernelRelease, releaseHas, type KernelRelease } from '../../src/kernel/index.js';

const r = (text: string): KernelRelease => parseKernelRelease(text)!;

describe('parseKernelRelease', () => {
  it.each([
    ['6.1', 6, 1, 0],
    ['6.12.57', 6, 12, 57],
    ['6.12.57+deb13-amd64', 6, 12, 57],
    ['6.18.44', 6, 18, 44],
    ['7.3-rc1', 7, 3, 0],
    ['7.3.0-rc1', 7, 3, 0],
    ['5.15.0-126-generic', 5, 15, null],
    ['6.1.0-50-amd64', 6, 1, null],
  ])('%s', (text, major, minor, patch) => {
    expect(r(text)).toMatchObject({ major, minor, patch, text });
  });

  it.each(['', 'linux', '6', '6.x', '6.1 extra', '1234.1'])('refuses %j', (text) => {
    expect(parseKernelRelease(text)).toBeUndefined();
  });
});

describe('releaseHas (since and stable backports)', () => {
  const fdError = { since: '6.13', backports: ['6.12.4', '6.6.66'] };
  it.each([
    ['6.1', false],
    ['6.1.0-50-amd64', false],
    ['6.6.65', false],
    ['6.6.66', true],
    ['6.12', false],
    ['6.12.3', false],
    ['6.12.4', true],
    ['6.12.57+deb13-amd64', true],
    ['6.12.0-1-amd64', true],
    ['6.13', true],
    ['7.0', true],
  ])('FAN_REPORT_FD_ERROR on %s: %s', (text, has) => {
    expect(releaseHas(r(text), fdError.since, fdError.backports)).toBe(has);
  });

  it('an experimental status is never had', () => {
    expect(releaseHas(r('7.3'), 'not mainline (linux-fsdevel/vfs)')).toBe(false);
  });
});

describe('aggregates narrowed to a release (values read in the 6.1.y, 6.12.y and 6.18.y sources)', () => {
  it.each([
    ['6.1', 0x1fbf, 0x58079fff],
    ['6.12.57', 0x3fbf, 0x58079fff],
    ['6.14', 0x3fbf, 0x58179fff],
    ['6.18', 0x7fbf, 0x5b179fff],
  ])('%s: FANOTIFY_INIT_FLAGS 0x%s, mark event mask', (text, init, events) => {
    const rel = r(text);
    expect(aggregateAt('FANOTIFY_INIT_FLAGS', rel)).toBe(init);
    const valid = aggregateAt('FANOTIFY_EVENTS', rel) | aggregateAt('FANOTIFY_EVENT_FLAGS', rel) | aggregateAt('FANOTIFY_PERM_EVENTS', rel);
    expect(valid >>> 0).toBe(events);
  });
});

describe('modelledRelease', () => {
  it('accepts 5.14 through 7.3 and refuses the rest with a reason', () => {
    expect(modelledRelease('5.14')).toMatchObject({ major: 5, minor: 14 });
    expect(modelledRelease('7.3-rc1')).toMatchObject({ major: 7, minor: 3 });
    expect(modelledRelease('5.10.220')).toMatch(/outside the releases the model knows \(5\.14 to 7\.3\)/);
    expect(modelledRelease('8.0')).toMatch(/outside/);
    expect(modelledRelease('six')).toMatch(/not a kernel release/);
  });
});
