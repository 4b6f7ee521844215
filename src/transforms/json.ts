/**
 * `json`: walks a json/jsonb value. Leaves a `paths` rule names get that rule's transform
 * (`json-paths.ts`). Other string leaves under keys that name personal data ('email', 'telefoon',
 * 'voornaam', 'birth_date'…) get the matching transform and every other string goes through
 * `scrub`, or, with `otherStrings: null`, every other string becomes null (fail closed). Numbers,
 * booleans and null stay unless the key says BSN or phone. Object keys are scrubbed too, since
 * people sometimes key maps by e-mail address.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import { fakeBsn } from './bsn.js';
import { fakeCityAvoiding } from './city.js';
import { needCategory } from './column-rules.js';
import { shiftDate } from './date-shift.js';
import { attemptInput, drawUnreported } from './draw-again.js';
import { fakeEmail } from './email.js';
import { fakeFullName, fakeName } from './fake-name.js';
import { fakeHouseNumber } from './house-number.js';
import { fakeIban } from './iban.js';
import {
  createRules,
  element,
  type JsonRule,
  type JsonStep,
  pathsOption,
  ruleFor,
  ruleLinks,
} from './json-paths.js';
import type { NameKind } from './names.js';
import { fakePhone } from './phone.js';
import { fakePostcode } from './postcode.js';
import { scrubText } from './scrub.js';
import { fakeStreetAvoiding } from './street.js';
import { noRealValues, type RealValues, type RowValues, type TransformDefinition } from './transform.js';

/** A generator's fake; `real` is passed to those that must stay clear of real values. */
type Fake = (keyed: Keyed, value: string, real: RealValues) => string;

/** The firstName/lastName/fullName fakes, so a name in JSON gets the fake its column got. */
const name =
  (kind: NameKind): Fake =>
  (keyed, value, real) =>
    fakeName(keyed, kind, value, null, real);
const fullName: Fake = (keyed, value, real) => fakeFullName(keyed, value, null, real);

/**
 * Key patterns, tried in order on the key lower-cased with '_', '-', '.' and spaces removed; the
 * more specific come first ('firstname' before 'name', 'birthplace' before 'birth').
 */
const personalKeys: readonly [RegExp, Fake][] = [
  [/e?mail/, (keyed, value, real) => fakeEmail(keyed, value, undefined, null, real)],
  [
    /phone|telefoon|^tel(nr|nummer)?$|mobiel|mobile|gsm|^fax/,
    (keyed, value, real) => fakePhone(keyed, value, null, real),
  ],
  [/bsn|burgerservice|sofinummer|socialsecurity/, (keyed, value, real) => fakeBsn(keyed, value, false, real)],
  [/iban|rekeningnummer|bankaccount|accountnumber/, fakeIban],
  [/firstname|voornaam|givenname|roepnaam/, name('first')],
  [/lastname|achternaam|surname|familyname|familienaam|geslachtsnaam/, name('last')],
  [/postcode|postalcode|zip/, (keyed, value, real) => fakePostcode(keyed, value, true, real)],
  [
    /birthplace|geboorteplaats|city|woonplaats|^plaats|town/,
    (keyed, value, real) => fakeCityAvoiding(keyed, value, real),
  ],
  [/birth|geboorte|^dob$/, (keyed, value) => shiftDate(keyed, value, 365)],
  [/housenumber|huisnummer/, (keyed, value) => fakeHouseNumber(keyed, value, null)],
  [/address|adres|street|straat/, (keyed, value, real) => fakeStreetAvoiding(keyed, value, null, real)],
  // Only keys that hold a person's name; 'filename' or 'schoolname' go through scrub like any text.
  [/^(full|display|contact|person|student|applicant|candidate)?name$|^(volledige|contact)?naam$/, fullName],
];

/** Keys whose numbers are personal too: BSNs and phone numbers stored as JSON numbers. */
const numberKeys: readonly [RegExp, Fake][] = [
  [/bsn|burgerservice|sofinummer/, (keyed, value, real) => fakeBsn(keyed, value, true, real)],
  [
    /phone|telefoon|^tel(nr|nummer)?$|mobiel|mobile|gsm/,
    (keyed, value, real) => fakePhone(keyed, value, null, real).replace(/\D/g, ''),
  ],
];

function fakeFor(patterns: readonly [RegExp, Fake][], key: string | null): Fake | undefined {
  if (key === null) return undefined;
  const normalized = key.toLowerCase().replace(/[\s_.-]/g, '');
  return patterns.find(([pattern]) => pattern.test(normalized))?.[1];
}

/** Whether a string under `key` gets a personal key's own fake (an e-mail, a name) instead of scrub. */
export function isPersonalKey(key: string): boolean {
  return fakeFor(personalKeys, key) !== undefined;
}

/** How the walk treats the leaves: per-path rules first, then what `otherStrings` says. */
interface WalkSettings {
  readonly rules?: readonly JsonRule[];
  readonly otherStrings?: 'scrub' | 'null';
  /** The row, for rules whose transforms read linked columns. */
  readonly row?: RowValues | undefined;
}

/** A rule's fake for a string or number leaf; a number stays a number when the fake is one. */
function applyRule(rule: JsonRule, node: string | number, row: RowValues | undefined): unknown {
  const out = rule.fake(typeof node === 'string' ? node : String(node), row);
  if (out === null || typeof node === 'string') return out;
  const number = Number(out);
  return out.trim() !== '' && Number.isFinite(number) ? number : out;
}

/**
 * A personal key's fake that the leak check would not report: a fake surname drawn from the lists
 * real people's names come from is sometimes one the source holds ('van der Meulen'), and is drawn
 * again from another input, as the column transforms do (`copy/avoid-real-values.ts`).
 */
function fakeAvoidingReal(fake: Fake, keyed: Keyed, value: string, real: RealValues): string {
  const spans = real.realSpans;
  if (spans === undefined) return fake(keyed, value, real);
  return drawUnreported('json', spans, (attempt) => fake(keyed, attemptInput(value, attempt), real));
}

function walk(
  keyed: Keyed,
  real: RealValues,
  settings: WalkSettings,
  node: unknown,
  key: string | null,
  at: readonly JsonStep[],
): unknown {
  const rules = settings.rules ?? [];
  if ((typeof node === 'string' || typeof node === 'number') && rules.length > 0) {
    const rule = ruleFor(rules, at);
    if (rule !== undefined) return applyRule(rule, node, settings.row);
  }
  if (typeof node === 'string') {
    if (settings.otherStrings === 'null') return null; // fail closed: only what a rule names stays text
    const fake = fakeFor(personalKeys, key);
    if (fake === undefined) return scrubText(keyed, node, 'any', real);
    if (node.trim() === '') return node; // nothing personal in an empty field
    try {
      return fakeAvoidingReal(fake, keyed, node, real);
    } catch {
      return scrubText(keyed, node, 'any', real); // e.g. 'birth' holding free text instead of a date
    }
  }
  if (typeof node === 'number') {
    const fake = fakeFor(numberKeys, key);
    return fake === undefined ? node : Number(fake(keyed, String(node), real));
  }
  // Paths are only followed when there are rules to match them against.
  const step = (next: JsonStep): readonly JsonStep[] => (rules.length > 0 ? [...at, next] : at);
  // Elements of an array belong to the array's key: "phones": ["…", "…"].
  if (Array.isArray(node)) return node.map((item) => walk(keyed, real, settings, item, key, step(element)));
  if (node !== null && typeof node === 'object') {
    // No prototype: a "__proto__" key would otherwise set the prototype and vanish from the output.
    const out: Record<string, unknown> = Object.create(null);
    // Keys are scrubbed like text, real names only when capitalized ('Zwartkruis': {…}); 'name' or
    // 'meta' stay, though some locale has them as names: they are the document's structure.
    for (const [childKey, child] of Object.entries(node))
      out[scrubText(keyed, childKey, 'capitalized', real)] = walk(
        keyed,
        real,
        settings,
        child,
        childKey,
        step(childKey),
      );
    return out;
  }
  return node; // booleans and null
}

/**
 * The JSON text with personal values replaced, no fake one of `real`. Throws (naming no value) on
 * invalid JSON.
 */
export function scrubJson(
  keyed: Keyed,
  text: string,
  real: RealValues = noRealValues,
  settings: WalkSettings = {},
): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LeakproofError('LP_TRANSFORM', 'json: a value is not valid JSON.');
  }
  try {
    return JSON.stringify(walk(keyed, real, settings, parsed, null, []));
  } catch (error) {
    // The walk and JSON.stringify recurse: PostgreSQL stores JSON nested deeper than a JavaScript
    // stack can follow (some thousand levels). Say so instead of a bare "RangeError".
    if (error instanceof RangeError)
      throw new LeakproofError('LP_TRANSFORM', 'json: a value is nested too deeply to rewrite');
    throw error;
  }
}

const options = z.strictObject({
  paths: pathsOption,
  otherStrings: z
    .enum(['scrub', 'null'])
    .default('scrub')
    .describe(
      "strings no path names: 'scrub' (personal keys get their fake, other text is scrubbed) or 'null'",
    ),
});

export const jsonTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'json',
  summary:
    'JSON: per-path rules, fake values under personal keys (email, telefoon, bsn…), scrub or null other strings.',
  options,
  cannotProduce: (column) =>
    needCategory(column, 'json') ?? (column.isArray ? 'arrays of json are not supported' : null),
  wholeValue: true,
  linkedColumns: (options) => ruleLinks(options.paths),
  create: ({ options: { paths, otherStrings }, table, column, keyed, real }) => {
    const rules = createRules(paths, { table, column, keyed, real });
    return (value, row) => scrubJson(keyed, value, real, { rules, otherStrings, row });
  },
};
