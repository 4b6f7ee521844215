/**
 * Every transform by its policy name, and the one way to use one with options from a policy file:
 * `bindTransform` checks the options with the transform's zod schema and returns functions that no
 * longer need the option type.
 *
 * Why an erased type: each definition has its own option type, and zod schemas are invariant in
 * it, so no `TransformDefinition<X>` is a supertype of them all without `any`. Binding a definition
 * to its own parsed options inside `register` keeps every call typed.
 */
import type { z } from 'zod';
import { bsnTransform } from './bsn.js';
import { cityTransform } from './city.js';
import { codeTransform } from './code.js';
import { dateShiftTransform } from './date-shift.js';
import { emailTransform } from './email.js';
import { firstNameTransform } from './first-name.js';
import { fullNameTransform } from './full-name.js';
import { hashTransform } from './hash.js';
import { houseNumberTransform } from './house-number.js';
import { ibanTransform } from './iban.js';
import { idDocumentTransform } from './id-document.js';
import { ipAddressTransform } from './ip-address.js';
import { jsonTransform } from './json.js';
import { keepTransform } from './keep.js';
import { lastNameTransform } from './last-name.js';
import { nullTransform } from './null.js';
import { numberTransform } from './number.js';
import { phoneTransform } from './phone.js';
import { postcodeTransform } from './postcode.js';
import { redactTransform } from './redact.js';
import { scrubTransform } from './scrub.js';
import { streetTransform } from './street.js';
import type { BindResult, TransformDefinition } from './transform.js';
import { provideTransformLookup } from './transform-lookup.js';
import { uuidTransform } from './uuid.js';
import { vNumberTransform } from './v-number.js';

export type { BindResult, BoundTransform } from './transform.js';

/** A registry entry: a definition with its option type erased (see the top of this file). */
export interface RegisteredTransform {
  readonly name: string;
  readonly summary: string;
  readonly wholeValue: boolean;
  /** The option schema, e.g. for the policy's JSON schema. */
  readonly options: z.ZodType;
  bind(rawOptions: unknown): BindResult;
}

function register<O>(definition: TransformDefinition<O>): RegisteredTransform {
  const wholeValue = definition.wholeValue ?? false;
  return {
    name: definition.name,
    summary: definition.summary,
    wholeValue,
    options: definition.options,
    bind(rawOptions) {
      const parsed = definition.options.safeParse(rawOptions ?? {});
      if (!parsed.success) return { ok: false, error: parsed.error };
      const options = parsed.data;
      return {
        ok: true,
        bound: {
          name: definition.name,
          wholeValue,
          options,
          cannotProduce: (column) => definition.cannotProduce(column, options),
          linkedColumns: definition.linkedColumns?.(options) ?? [],
          create: (setup) => definition.create({ ...setup, options }),
        },
      };
    },
  };
}

/** In the order docs and `--help` list them. */
export const transforms: ReadonlyMap<string, RegisteredTransform> = new Map(
  [
    register(keepTransform),
    register(nullTransform),
    register(redactTransform),
    register(hashTransform),
    register(codeTransform),
    register(idDocumentTransform),
    register(vNumberTransform),
    register(uuidTransform),
    register(firstNameTransform),
    register(lastNameTransform),
    register(fullNameTransform),
    register(emailTransform),
    register(phoneTransform),
    register(ipAddressTransform),
    register(bsnTransform),
    register(ibanTransform),
    register(postcodeTransform),
    register(streetTransform),
    register(houseNumberTransform),
    register(cityTransform),
    register(dateShiftTransform),
    register(numberTransform),
    register(scrubTransform),
    register(jsonTransform),
  ].map((entry) => [entry.name, Object.freeze(entry)]),
);

/** The transform called `name`, or undefined. Example: `getTransform('bsn')?.bind({})`. */
export function getTransform(name: string): RegisteredTransform | undefined {
  return transforms.get(name);
}

/** Every transform name, in registry order. */
export function transformNames(): string[] {
  return [...transforms.keys()];
}

/**
 * Checks options for the named transform; `{ ok: false }` names what is wrong with them.
 * Example: `bindTransform('dateShift', { maxDays: 30 })`. Throws nothing; unknown names give undefined.
 */
export function bindTransform(name: string, rawOptions: unknown): BindResult | undefined {
  return transforms.get(name)?.bind(rawOptions);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The closest transform name for a "did you mean" hint, or null when nothing is close.
 * Example: `suggestTransformName('bsnn')` → 'bsn'; `suggestTransformName('first_name')` → 'firstName'.
 */
export function suggestTransformName(unknown: string): string | null {
  // The edit distance costs length × length; a name longer than any transform's plus a few typos is
  // no typo, and a hostile policy with megabyte-long names must not take minutes to reject.
  if (unknown.length > 64) return null;
  const wanted = unknown.toLowerCase().replace(/[\s_-]/g, '');
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of transforms.keys()) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  // Allow about one typo per three letters, at least one: 'nul' → 'null', but 'zzz' → nothing.
  return bestDistance <= Math.max(1, Math.floor(wanted.length / 3)) ? best : null;
}
provideTransformLookup({ bind: bindTransform, suggest: suggestTransformName });
