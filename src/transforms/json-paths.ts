/**
 * `json`'s per-path rules: `paths: { extra.contact.email: email, contacts[].phone: phone,
 * '*.naam': { transform: fullName } }`. A path is keys joined by dots; `*` is any key at one
 * level, `[]` the elements of an array. A rule applies to the string and number leaves at its
 * path and below it; where several match, the deepest wins, then the one with fewer `*`.
 *
 * Rules are checked when the policy is (through the registry, handed over in
 * `transform-lookup.ts`), so a bad path, an unknown transform or a transform that cannot write
 * text is a policy error with its YAML path.
 */
import { z } from 'zod';
import { type ColumnModel, textColumn } from '../schema/model.js';
import type { BoundTransform, TransformSetup, ValueTransform } from './transform.js';
import { transformLookup } from './transform-lookup.js';

/** One step from a JSON value to a child: an object key or an array element. */
export type JsonStep = string | typeof element;
/** An array element, in paths walked and in rules. */
export const element = Symbol('[]');
const anyKey = Symbol('*');
type RuleStep = JsonStep | typeof anyKey;

/** The steps of a path, or why it is none. Example: `parsePath('contacts[].phone')`. */
export function parsePath(path: string): RuleStep[] | string {
  const steps: RuleStep[] = [];
  for (const segment of path.split('.')) {
    const m = /^(\*|[^.[\]*]+)?((?:\[\])*)$/.exec(segment);
    if (m === null || segment === '')
      return 'use keys joined by dots, * for any key, [] for array elements (contacts[].phone)';
    if (m[1] !== undefined) steps.push(m[1] === '*' ? anyKey : m[1]);
    for (let i = 0; i < m[2]!.length / 2; i++) steps.push(element);
  }
  return steps;
}

/** A rule as the policy writes it: a transform name, or `{ transform, ...options }`. */
const ruleSchema = z.union([z.string().min(1), z.looseObject({ transform: z.string().min(1) })]);
type RuleOption = z.infer<typeof ruleSchema>;

function split(rule: RuleOption): [name: string, options: Record<string, unknown>] {
  if (typeof rule === 'string') return [rule, {}];
  const { transform, ...options } = rule;
  return [transform, options];
}

/** The column a rule's transform writes: JSON strings are text of any length, and may be null. */
export function jsonStringColumn(of?: ColumnModel): ColumnModel {
  return textColumn({ name: of?.name ?? 'json', position: of?.position ?? 1 });
}

/** The rules, bound; an issue per problem (message, path below `paths`) otherwise. */
function bindRules(paths: Readonly<Record<string, RuleOption>>): {
  rules: { path: string; steps: RuleStep[]; bound: BoundTransform }[];
  issues: [string[], string][];
} {
  const lookup = transformLookup();
  const rules: { path: string; steps: RuleStep[]; bound: BoundTransform }[] = [];
  const issues: [string[], string][] = [];
  for (const [path, rule] of Object.entries(paths)) {
    const steps = parsePath(path);
    if (typeof steps === 'string') {
      issues.push([[path], `'${path}' is not a path: ${steps}`]);
      continue;
    }
    const [name, options] = split(rule);
    const at = typeof rule === 'string' ? [path] : [path, 'transform'];
    const result = lookup.bind(name, options);
    if (result === undefined) {
      const suggestion = lookup.suggest(name);
      issues.push([
        at,
        `unknown transform '${name}'${suggestion === null ? '' : `; did you mean '${suggestion}'?`}`,
      ]);
      continue;
    }
    if (!result.ok) {
      for (const issue of result.error.issues)
        issues.push([[path, ...issue.path.map(String)], `${name}: ${issue.message}`]);
      continue;
    }
    const reason = result.bound.cannotProduce(jsonStringColumn());
    if (reason !== null) issues.push([at, `${name} cannot fill a JSON string: ${reason}`]);
    else rules.push({ path, steps, bound: result.bound });
  }
  return { rules, issues };
}

/** The `paths` option: checked against the registry when the policy is. */
export const pathsOption = z
  .record(z.string(), ruleSchema)
  .optional()
  .superRefine((paths, ctx) => {
    if (paths === undefined) return;
    for (const [path, message] of bindRules(paths).issues) ctx.addIssue({ code: 'custom', path, message });
  })
  .describe("per-path rules: 'contacts[].phone': phone, 'extra.*.email': { transform: email }");

/** Same-row columns the rules' transforms read. */
export function ruleLinks(paths: Readonly<Record<string, RuleOption>> | undefined): string[] {
  if (paths === undefined) return [];
  return [...new Set(bindRules(paths).rules.flatMap((rule) => rule.bound.linkedColumns))];
}

export interface JsonRule {
  readonly steps: readonly RuleStep[];
  readonly fake: ValueTransform;
}

/** The rules, ready to apply; `setup` is the json column's, each rule writes a text column. */
export function createRules(
  paths: Readonly<Record<string, RuleOption>> | undefined,
  setup: Omit<TransformSetup<unknown>, 'options'>,
): JsonRule[] {
  if (paths === undefined) return [];
  const column = jsonStringColumn(setup.column);
  return bindRules(paths).rules.map(({ steps, bound }) => ({
    steps,
    fake: bound.create({ ...setup, column }),
  }));
}

/**
 * The rule for a leaf at `at`: of those matching a start of it, the deepest, then the one with
 * fewer `*`, then the first written.
 */
export function ruleFor(rules: readonly JsonRule[], at: readonly JsonStep[]): JsonRule | undefined {
  let best: JsonRule | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    const { steps } = rule;
    if (steps.length > at.length) continue;
    if (!steps.every((step, i) => step === at[i] || (step === anyKey && typeof at[i] === 'string'))) continue;
    const score = steps.length * 1000 + steps.filter((step) => step !== anyKey).length;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}
