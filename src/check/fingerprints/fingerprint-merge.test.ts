import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import {
  type FingerprintFileFacts,
  parseFingerprintFile,
  renderFingerprintFile,
} from './fingerprint-file.js';
import {
  categoryBit,
  FEW_PEOPLE,
  FingerprintBuilder,
  type FingerprintIndex,
  Role,
} from './fingerprint-index.js';
import { mergeCounts, mergeFingerprints } from './fingerprint-merge.js';

const keyed = new Keyed('some test key');

interface Person {
  readonly table: string;
  readonly key: string;
  readonly email: string;
  readonly first: string;
}

/** An index of people, each with an e-mail address (a whole value) and a first name. */
function indexOf(people: readonly Person[], extra?: (b: FingerprintBuilder) => void): FingerprintIndex {
  const b = new FingerprintBuilder(keyed);
  const email = b.column('public.applicant.email');
  const first = b.column('public.applicant.first_name');
  for (const p of people) {
    const s = b.subject(p.table, p.key);
    b.add('value', p.email, Role.value | Role.strong, 'contact', s, email);
    b.add('word', p.first, Role.first, 'name', s, first);
  }
  extra?.(b);
  return b.build();
}

const person = (key: string, first: string): Person => ({
  table: 'public.applicant',
  key,
  email: `${first}.${key}@mailbox.test`,
  first,
});

/** Who holds a text in a domain, by table and key (empty when the index does not know it). */
function holdersOf(index: FingerprintIndex, domain: 'value' | 'word', text: string): string[] {
  const e = index.find(domain, text);
  if (e === -1) return [];
  return [...index.holders(e)].map((h) => {
    const s = index.subjectAt(h)!;
    return `${s.table}:${s.key}`;
  });
}

const alice = person('1', 'alice');
const bram = person('2', 'bram');
const chen = person('3', 'chen');

describe('mergeFingerprints', () => {
  test('a person only in the older index stays covered', () => {
    const merged = mergeFingerprints(indexOf([alice, bram]), indexOf([bram]));
    expect(holdersOf(merged, 'value', alice.email)).toEqual(['public.applicant:1']);
    expect(holdersOf(merged, 'word', 'alice')).toEqual(['public.applicant:1']);
    expect(merged.roles(merged.find('value', alice.email))).toBe(Role.value | Role.strong);
    expect(merged.subjectCount).toBe(2);
  });

  test('a person only in the newer index is added', () => {
    const merged = mergeFingerprints(indexOf([alice]), indexOf([alice, chen]));
    expect(holdersOf(merged, 'value', chen.email)).toEqual(['public.applicant:3']);
    expect(holdersOf(merged, 'word', 'chen')).toEqual(['public.applicant:3']);
    // The older people keep their numbers; the new ones follow.
    expect(merged.subjects).toEqual([
      { table: 'public.applicant', key: '1' },
      { table: 'public.applicant', key: '3' },
    ]);
  });

  test('a person in both whose value changed: the old value and the new one both point at them', () => {
    const moved = { ...alice, email: 'alice.new@mailbox.test' };
    const merged = mergeFingerprints(indexOf([alice, bram]), indexOf([bram, moved]));
    expect(holdersOf(merged, 'value', alice.email)).toEqual(['public.applicant:1']);
    expect(holdersOf(merged, 'value', moved.email)).toEqual(['public.applicant:1']);
    expect(merged.subjectCount).toBe(2);
  });

  test('a value held by people of both sides is held by all of them, each once', () => {
    // "bram" is a first name in both; chen only in the newer, alice only in the older.
    const older = indexOf([alice, bram, { ...person('7', 'bram') }]);
    const newer = indexOf([{ ...person('9', 'bram') }, bram, chen]);
    const merged = mergeFingerprints(older, newer);
    expect(holdersOf(merged, 'word', 'bram').sort()).toEqual([
      'public.applicant:2',
      'public.applicant:7',
      'public.applicant:9',
    ]);
    const e = merged.find('word', 'bram');
    expect(merged.holderCount(e)).toBe(3);
    // Holder lists stay ascending, as the index's lookups and person links expect.
    const h = [...merged.holders(e)];
    expect(h).toEqual([...h].sort((x, y) => x - y));
  });

  test('counts: people added since, people kept from before, fingerprints', () => {
    const older = indexOf([alice, bram]);
    const newer = indexOf([bram, chen, person('4', 'dewi')]);
    const merged = mergeFingerprints(older, newer);
    expect(mergeCounts(older, newer, merged)).toEqual({ added: 2, keptFromBefore: 1, people: 4 });
    // Alice's 2 fingerprints, Bram's 2 (shared), Chen's 2 and Dewi's 2.
    expect(merged.size).toBe(8);
    expect(older.size + newer.size - merged.size).toBe(2);
  });

  test('a digest both hold: roles of what the text is are joined, `value` is the newer count', () => {
    const older = indexOf([alice], (b) => {
      // Rare then (two people): promoted to a whole value; a postcode of one person's row too.
      const x = b.subject('public.applicant', '10');
      const y = b.subject('public.applicant', '11');
      b.add('value', 'club-42', Role.rareValue, 'other', x);
      b.add('value', 'club-42', Role.rareValue, 'other', y);
      b.add('postcode', '9999ZZ', Role.postcode, 'address', x);
    });
    const newer = indexOf([alice], (b) => {
      // Now shared by more than FEW_PEOPLE: identifies nobody on its own.
      for (let k = 0; k <= FEW_PEOPLE; k++)
        b.add('value', 'club-42', Role.rareValue, 'other', b.subject('public.applicant', `2${k}`));
      b.add('postcode', '9999ZZ', Role.combination, 'address', null);
    });
    expect(older.roles(older.find('value', 'club-42'))).toBe(Role.value);
    expect(newer.roles(newer.find('value', 'club-42'))).toBe(0);
    const merged = mergeFingerprints(older, newer);
    const club = merged.find('value', 'club-42');
    expect(merged.roles(club)).toBe(0);
    expect(merged.holderCount(club)).toBe(2 + FEW_PEOPLE + 1);
    // And the other way round: rare now, not before → a whole value now.
    const back = mergeFingerprints(newer, older);
    expect(back.roles(back.find('value', 'club-42'))).toBe(Role.value);
    const postcode = merged.find('postcode', '9999ZZ');
    expect(merged.roles(postcode)).toBe(Role.postcode | Role.combination);
    // Unlinked rows cannot be told apart: the larger count, not the sum.
    expect(merged.arrays.unlinked[postcode]).toBe(1);
    expect(merged.categories(club)).toEqual(['other']);
  });

  test('categories are joined and the source column is the newer one where it knows one', () => {
    const older = indexOf([], (b) => {
      const s = b.subject('public.applicant', '1');
      b.add('value', 'v-1', Role.value, 'contact', s, b.column('public.old_table.col'));
      b.add('value', 'v-2', Role.value, 'contact', s, b.column('public.old_table.col'));
    });
    const newer = indexOf([], (b) => {
      const s = b.subject('public.applicant', '1');
      b.add('value', 'v-1', Role.value, 'identifier', s, b.column('public.new_table.col'));
      b.add('value', 'v-2', Role.value, 'identifier', s);
    });
    const merged = mergeFingerprints(older, newer);
    const v1 = merged.find('value', 'v-1');
    const v2 = merged.find('value', 'v-2');
    expect(merged.arrays.categories[v1]).toBe(categoryBit('contact') | categoryBit('identifier'));
    expect(merged.sourceOf(v1)).toBe('public.new_table.col');
    expect(merged.sourceOf(v2)).toBe('public.old_table.col');
    expect(merged.sourceColumns).toEqual([
      'public.applicant.email',
      'public.applicant.first_name',
      'public.old_table.col',
      'public.new_table.col',
    ]);
  });

  test('merging an index with itself changes nothing', () => {
    const index = indexOf([alice, bram, chen]);
    const merged = mergeFingerprints(index, index);
    for (const name of Object.keys(index.arrays) as (keyof typeof index.arrays)[])
      expect([...merged.arrays[name]], name).toEqual([...index.arrays[name]]);
    expect(merged.subjects).toEqual(index.subjects);
    expect(merged.valueLengths).toEqual(index.valueLengths);
  });

  test('an index read from a file merges with a new one, and the result round-trips', () => {
    const facts: FingerprintFileFacts = {
      createdAt: '2026-11-02T10:00:00.000Z',
      source: 'pglite:/tmp/prod',
      policy: { file: 'leakproof.yaml', sha256: 'ab'.repeat(32) },
      subjectTables: ['public.applicant'],
      rows: 2,
      values: 4,
    };
    const fromFile = parseFingerprintFile(
      renderFingerprintFile(indexOf([alice, bram]), facts),
      keyed,
      'fp',
    ).index;
    const merged = mergeFingerprints(fromFile, indexOf([chen]));
    const again = parseFingerprintFile(renderFingerprintFile(merged, facts), keyed, 'fp').index;
    for (const p of [alice, bram, chen])
      expect(holdersOf(again, 'value', p.email)).toEqual([`public.applicant:${p.key}`]);
    expect(again.valueLengths).toEqual(
      [...new Set([alice, bram, chen].map((p) => p.email.length))].sort((x, y) => x - y),
    );
    expect(again.findValue(chen.email, Role.value)).not.toBe(-1);
  });

  test('indexes of two keys are refused', () => {
    const other = new FingerprintBuilder(new Keyed('another key')).build();
    try {
      mergeFingerprints(indexOf([alice]), other);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LeakproofError);
      expect((e as LeakproofError).code).toBe('LP_KEY_MISMATCH');
    }
  });

  test('any two indexes: every digest is found, held by the union of its holders on both sides', () => {
    const texts = ['t0', 't1', 't2', 't3', 't4', 't5'];
    const records = fc.array(
      fc.record({ text: fc.constantFrom(...texts), who: fc.integer({ min: 0, max: 7 }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(records, records, (left, right) => {
        const build = (rs: typeof left) => {
          const b = new FingerprintBuilder(keyed);
          for (const r of rs) b.add('word', r.text, Role.first, 'name', b.subject('public.p', String(r.who)));
          return b.build();
        };
        const merged = mergeFingerprints(build(left), build(right));
        for (const text of texts) {
          const expected = [...new Set([...left, ...right].filter((r) => r.text === text).map((r) => r.who))]
            .map((who) => `public.p:${who}`)
            .sort();
          expect(holdersOf(merged, 'word', text).sort()).toEqual(expected);
        }
        expect(merged.subjectCount).toBe(new Set([...left, ...right].map((r) => r.who)).size);
      }),
    );
  });
});
