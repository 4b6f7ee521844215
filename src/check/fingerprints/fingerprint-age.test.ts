import { describe, expect, test } from 'vitest';
import { fingerprintAgeWarning } from './fingerprint-age.js';

const file = { createdAt: '2026-11-02T09:00:00.000Z' };

describe('fingerprintAgeWarning', () => {
  test('a target made after the fingerprints: one line that says both days and what to do', () => {
    const warning = fingerprintAgeWarning(file, { madeAt: '2026-11-30T12:00:00.000Z', what: 'breach.csv' });
    expect(warning).toBe(
      'The fingerprints were taken 2026-11-02 and breach.csv was made or changed 2026-11-30: people ' +
        'who joined the source since are not looked for; refresh with `leakproof fingerprint --update`.',
    );
    expect(warning).not.toContain('\n');
  });

  test('a target made before the fingerprints, at the same moment, or at an unknown time: none', () => {
    expect(fingerprintAgeWarning(file, { madeAt: '2026-10-01T00:00:00.000Z', what: 'x' })).toBeNull();
    expect(fingerprintAgeWarning(file, { madeAt: file.createdAt, what: 'x' })).toBeNull();
    expect(fingerprintAgeWarning(file, { madeAt: null, what: 'x' })).toBeNull();
    expect(fingerprintAgeWarning(file, { madeAt: 'not a time', what: 'x' })).toBeNull();
    expect(fingerprintAgeWarning({ createdAt: 'garbled' }, { madeAt: file.createdAt, what: 'x' })).toBeNull();
  });

  test('the latest update counts, not the creation', () => {
    const updated = { ...file, updates: [{ at: file.createdAt }, { at: '2026-12-01T00:00:00.000Z' }] };
    expect(fingerprintAgeWarning(updated, { madeAt: '2026-11-30T12:00:00.000Z', what: 'x' })).toBeNull();
    expect(
      fingerprintAgeWarning(updated, { madeAt: '2026-12-02T00:00:00.000Z', what: 'the copy' }),
    ).toContain('taken 2026-12-01 and the copy was made or changed 2026-12-02');
  });

  test('on one day the minutes tell the times apart', () => {
    expect(fingerprintAgeWarning(file, { madeAt: '2026-11-02T17:45:10.000Z', what: 'db' })).toContain(
      'taken 2026-11-02 09:00 UTC and db was made or changed 2026-11-02 17:45 UTC',
    );
  });
});
