import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import { valueForms } from '../../core/normalize.js';
import { LeakproofError } from '../../errors.js';
import {
  FINGERPRINT_VERSION,
  type FingerprintFileFacts,
  type FingerprintUpdate,
  fingerprintsTakenAt,
  parseFingerprintFile,
  renderFingerprintFile,
} from './fingerprint-file.js';
import { FingerprintBuilder, type FingerprintIndex, Role } from './fingerprint-index.js';

const keyed = new Keyed('some test key');

const facts: FingerprintFileFacts = {
  createdAt: '2026-01-02T03:04:05.000Z',
  source: 'postgres://db.example/prod',
  policy: { file: 'leakproof.yaml', sha256: 'ab'.repeat(32) },
  subjectTables: ['public.person', 'public.employee'],
  rows: 3,
  values: 12,
};

const people = [
  { table: 'public.person', key: '17', bsn: '123456782', email: 'Fatima.Yilmaz@Example.nl', first: 'fatima' },
  { table: 'public.person', key: '18', bsn: '111222333', email: 'jan.jansen@example.org', first: 'jan' },
  { table: 'public.employee', key: '7\t2', bsn: '012345672', email: 'p.devries@example.com', first: 'piet' },
];

function sourceIndex(): FingerprintIndex {
  const b = new FingerprintBuilder(keyed);
  for (const p of people) {
    const s = b.subject(p.table, p.key);
    for (const v of [p.bsn, p.email])
      for (const form of valueForms(v)) b.add('value', form, Role.value, 'identifier', s);
    b.add('word', p.first, Role.first, 'name', s);
  }
  b.add('value', 'shared', Role.rareValue, 'other', null);
  b.add('postcode', '1234AB', Role.postcode, 'address', 0);
  return b.build();
}

const errorCode = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof LeakproofError ? e.code : `not a LeakproofError: ${String(e)}`;
  }
  return 'no error';
};

describe('fingerprint file', () => {
  const index = sourceIndex();
  const text = renderFingerprintFile(index, facts);

  test('round-trips: the same lookups, holders and subjects', () => {
    const loaded = parseFingerprintFile(text, keyed, 'fp.json');
    expect(loaded.facts).toEqual(facts);
    expect(loaded.index.subjects).toEqual(index.subjects);
    expect(loaded.index.size).toBe(index.size);
    expect(loaded.index.keyId).toBe(keyed.keyId);
    for (const p of people) {
      for (const v of [p.bsn, p.email]) {
        const e = loaded.index.find('value', valueForms(v)[0]!);
        expect(e).toBe(index.find('value', valueForms(v)[0]!));
        expect(e).not.toBe(-1);
        expect([...loaded.index.holders(e)].map((h) => loaded.index.subjects[h])).toEqual([
          { table: p.table, key: p.key },
        ]);
        expect(loaded.index.categories(e)).toEqual(['identifier']);
      }
      expect(loaded.index.isReal('name', p.first.toUpperCase())).toBe(true);
    }
    expect(loaded.index.isReal('bsn', '1234.56.782')).toBe(true);
    expect(loaded.index.isReal('postcode', '1234 ab')).toBe(true);
    expect(loaded.index.isReal('bsn', '999999990')).toBe(false);
    const shared = loaded.index.find('value', 'shared');
    expect(loaded.index.roles(shared)).toBe(Role.value);
    expect(loaded.index.holderCount(shared)).toBe(1);
    for (const name of ['hi', 'lo', 'roles', 'categories', 'unlinked', 'holderStart', 'holders'] as const)
      expect([...loaded.index.arrays[name]]).toEqual([...index.arrays[name]]);
  });

  test('holds no plain personal value, only digests and subject keys', () => {
    const json = JSON.parse(text);
    // Outside the base64 arrays (where a short word could turn up by chance) no value at all.
    const plainParts = JSON.stringify({ ...json, arrays: null }).toLowerCase();
    for (const p of people) {
      expect(text).not.toContain(p.bsn);
      expect(text.toLowerCase()).not.toContain(p.email.toLowerCase());
      expect(plainParts).not.toContain(p.email.toLowerCase().split('@')[0]);
      expect(plainParts).not.toContain(p.first);
    }
    expect(text).not.toContain('1234AB');
    expect(plainParts).not.toContain('shared');
    expect(json.format).toBe('leakproof-fingerprints');
    expect(json.subjects.keys).toEqual(['17', '18', '7\t2']);
    expect(json.keyId).toBe(keyed.keyId);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('an empty index round-trips', () => {
    const empty = new FingerprintBuilder(keyed).build();
    const loaded = parseFingerprintFile(renderFingerprintFile(empty, facts), keyed, 'fp.json');
    expect(loaded.index.size).toBe(0);
    expect(loaded.index.subjects).toEqual([]);
    expect(loaded.index.find('value', '123456782')).toBe(-1);
  });

  test('another key is refused', () => {
    expect(errorCode(() => parseFingerprintFile(text, new Keyed('another key'), 'fp.json'))).toBe(
      'LP_KEY_MISMATCH',
    );
  });

  test('a file of version 1 still reads, but says its records cannot be linked into people', () => {
    const json = JSON.parse(text);
    expect(json.version).toBe(FINGERPRINT_VERSION);
    expect(parseFingerprintFile(text, keyed, 'fp.json').linksPeople).toBe(true);
    const old = parseFingerprintFile(JSON.stringify({ ...json, version: 1 }), keyed, 'fp.json');
    expect(old.linksPeople).toBe(false);
    expect(old.index.size).toBe(index.size);
  });

  test('the strong role (which links records into people) survives the round trip', () => {
    const b = new FingerprintBuilder(keyed);
    const s = b.subject('public.person', '1');
    b.add('value', 'a@example.nl', Role.value | Role.strong, 'contact', s);
    b.add('value', 'a@example.nl', Role.value, 'contact', b.subject('public.archive', '1'));
    const built = b.build();
    const loaded = parseFingerprintFile(renderFingerprintFile(built, facts), keyed, 'fp.json').index;
    const e = loaded.find('value', 'a@example.nl');
    expect(loaded.roles(e)).toBe(Role.value | Role.strong);
    expect([...loaded.holders(e)]).toEqual([0, 1]);
  });

  test('what is not a fingerprint file of a version this tool reads is refused', () => {
    const json = JSON.parse(text);
    const variants = [
      '',
      'not json',
      text.slice(0, text.length / 2),
      'null',
      '[]',
      JSON.stringify({ ...json, format: 'something-else' }),
      JSON.stringify({ ...json, version: FINGERPRINT_VERSION + 1 }),
      JSON.stringify({ ...json, version: 0 }),
      JSON.stringify({ ...json, extra: true }),
      JSON.stringify({ ...json, arrays: { ...json.arrays, hi: 'not base64!' } }),
      JSON.stringify({ ...json, rows: -1 }),
    ];
    for (const variant of variants)
      expect(errorCode(() => parseFingerprintFile(variant, keyed, 'fp.json'))).toBe('LP_FINGERPRINTS_FILE');
  });

  test('the error message names the file, not its content', () => {
    try {
      parseFingerprintFile('not json', keyed, 'fp.json');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('fp.json');
    }
  });

  test('damaged arrays are refused with a Leakproof error, never a crash of another kind', () => {
    const json = JSON.parse(text);
    const damaged: unknown[] = [];
    for (const name of Object.keys(json.arrays)) {
      const b64: string = json.arrays[name];
      const bytes = Buffer.from(b64, 'base64');
      for (const cut of [1, 2, 4, 8]) {
        if (bytes.length < cut) continue;
        damaged.push({
          ...json,
          arrays: { ...json.arrays, [name]: bytes.subarray(0, bytes.length - cut).toString('base64') },
        });
      }
      // Cut inside the base64 text itself.
      damaged.push({
        ...json,
        arrays: { ...json.arrays, [name]: b64.slice(0, Math.max(0, b64.length - 3)) },
      });
      damaged.push({ ...json, arrays: { ...json.arrays, [name]: '' } });
    }
    damaged.push({ ...json, subjects: { ...json.subjects, keys: json.subjects.keys.slice(1) } });
    damaged.push({ ...json, subjects: { ...json.subjects, table: [0, 5, 1] } });
    damaged.push({
      ...json,
      subjects: { tables: json.subjects.tables, table: [0], keys: ['17'] },
    });
    for (const variant of damaged) {
      const code = errorCode(() => parseFingerprintFile(JSON.stringify(variant), keyed, 'fp.json'));
      expect(['LP_FINGERPRINTS_INVALID', 'LP_FINGERPRINTS_FILE']).toContain(code);
    }
  });

  test('a holder that points at no subject is refused', () => {
    const json = JSON.parse(text);
    const count = Buffer.from(json.arrays.holders, 'base64').length / 4;
    expect(count).toBeGreaterThan(0);
    const bad = new Uint32Array(count).fill(99);
    const b64 = Buffer.from(bad.buffer).toString('base64');
    expect(
      errorCode(() =>
        parseFingerprintFile(
          JSON.stringify({ ...json, arrays: { ...json.arrays, holders: b64 } }),
          keyed,
          'fp',
        ),
      ),
    ).toBe('LP_FINGERPRINTS_INVALID');
  });

  const withArray = (name: string, values: Uint32Array) => {
    const json = JSON.parse(text);
    const b64 = Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
    return JSON.stringify({ ...json, arrays: { ...json.arrays, [name]: b64 } });
  };

  test('a holderStart that runs backwards is refused as damaged', () => {
    const starts = Uint32Array.from(index.arrays.holderStart);
    starts[1] = starts[starts.length - 1]! + 5;
    expect(errorCode(() => parseFingerprintFile(withArray('holderStart', starts), keyed, 'fp'))).toBe(
      'LP_FINGERPRINTS_INVALID',
    );
  });

  // Regression: the order check in the FingerprintIndex constructor compares holderStart[i] with
  // holderStart[i-1] only for i < n, so the last entry may start past holders.length (its holders
  // then silently come out empty: holders() clamps the subarray).
  test('a holderStart whose last entry starts past the holders is refused as damaged', () => {
    const starts = Uint32Array.from(index.arrays.holderStart);
    starts[starts.length - 2] = starts[starts.length - 1]! + 5;
    expect(errorCode(() => parseFingerprintFile(withArray('holderStart', starts), keyed, 'fp'))).toBe(
      'LP_FINGERPRINTS_INVALID',
    );
  });

  // Regression: holderStart[0] is never checked to be 0; with 1 the first entry silently loses a holder.
  test('a holderStart that does not start at 0 is refused as damaged', () => {
    const starts = Uint32Array.from(index.arrays.holderStart);
    starts[0] = 1;
    expect(errorCode(() => parseFingerprintFile(withArray('holderStart', starts), keyed, 'fp'))).toBe(
      'LP_FINGERPRINTS_INVALID',
    );
  });

  // Lookups are binary searches: digests out of order would miss real values silently.
  test('digests out of order are refused as damaged', () => {
    const his = Uint32Array.from(index.arrays.hi).reverse();
    expect(errorCode(() => parseFingerprintFile(withArray('hi', his), keyed, 'fp'))).toBe(
      'LP_FINGERPRINTS_INVALID',
    );
  });
});

describe('fingerprint file, version 3: where it came from and its history', () => {
  const index = sourceIndex();
  const updates: FingerprintUpdate[] = [
    {
      at: '2026-01-02T03:04:05.000Z',
      sourceIdentity: 'postgres/1/5432/16384',
      policySha256: 'ab'.repeat(32),
      subjectsBefore: 0,
      subjectsAfter: 2,
      fingerprintsAfter: 7,
    },
    {
      at: '2026-02-01T00:00:00.000Z',
      sourceIdentity: 'postgres/1/5432/16384',
      policySha256: 'cd'.repeat(32),
      subjectsBefore: 2,
      subjectsAfter: 3,
      fingerprintsAfter: index.size,
    },
  ];
  const full: FingerprintFileFacts = { ...facts, sourceIdentity: 'postgres/1/5432/16384', updates };
  const text = renderFingerprintFile(index, full);

  test('the identity, the counts and the history round-trip', () => {
    const json = JSON.parse(text);
    expect(json.version).toBe(3);
    expect(json.subjectCount).toBe(3);
    expect(json.fingerprintCount).toBe(index.size);
    const loaded = parseFingerprintFile(text, keyed, 'fp.json');
    expect(loaded.facts).toEqual(full);
    expect(loaded.version).toBe(3);
    expect(fingerprintsTakenAt(loaded.facts)).toBe('2026-02-01T00:00:00.000Z');
  });

  test('a file of version 2 (no identity, no counts, no history) still reads', () => {
    const {
      sourceIdentity: _i,
      updates: _u,
      subjectCount: _s,
      fingerprintCount: _f,
      ...v2
    } = JSON.parse(text);
    const loaded = parseFingerprintFile(JSON.stringify({ ...v2, version: 2 }), keyed, 'fp.json');
    expect(loaded.version).toBe(2);
    expect(loaded.linksPeople).toBe(true);
    expect(loaded.facts.sourceIdentity).toBeUndefined();
    expect(loaded.facts.updates).toBeUndefined();
    expect(fingerprintsTakenAt(loaded.facts)).toBe(facts.createdAt);
    expect(loaded.index.size).toBe(index.size);
  });

  test('counts that do not match the arrays, or a damaged history, are refused', () => {
    const json = JSON.parse(text);
    for (const variant of [
      { ...json, subjectCount: 2 },
      { ...json, fingerprintCount: index.size + 1 },
    ])
      expect(errorCode(() => parseFingerprintFile(JSON.stringify(variant), keyed, 'fp'))).toBe(
        'LP_FINGERPRINTS_INVALID',
      );
    for (const variant of [
      { ...json, updates: [{ ...updates[0], subjectsAfter: -1 }] },
      { ...json, updates: [{ ...updates[0], password: 'x' }] },
      { ...json, sourceIdentity: 5 },
    ])
      expect(errorCode(() => parseFingerprintFile(JSON.stringify(variant), keyed, 'fp'))).toBe(
        'LP_FINGERPRINTS_FILE',
      );
  });
});
