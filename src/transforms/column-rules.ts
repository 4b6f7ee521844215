/**
 * The `cannotProduce` checks most transforms share. Reasons are short, name types and lengths, and
 * never a value: they end up in policy errors.
 */
import type { ColumnModel, TypeCategory } from '../schema/model.js';

/** Null when the column's category is one of `allowed`, else e.g. "a text column is needed, not integer". */
export function needCategory(column: ColumnModel, ...allowed: TypeCategory[]): string | null {
  if (allowed.includes(column.category)) return null;
  const names =
    allowed.length === 1 ? allowed[0]! : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
  return `${/^[aeiou]/.test(names) ? 'an' : 'a'} ${names} column is needed, not ${column.category}`;
}

/** Null when a text column can hold `min` characters. */
export function needLength(column: ColumnModel, min: number, what: string): string | null {
  if (column.category !== 'text' || column.maxLength === null || column.maxLength >= min) return null;
  return `${what} needs at least ${min} characters, the column holds ${column.maxLength}`;
}

/** Text only, at least `min` characters. */
export function needText(column: ColumnModel, min = 1, what = 'this transform'): string | null {
  return needCategory(column, 'text') ?? needLength(column, min, what);
}

/** Largest value an integer column of this type holds (bigint capped at 2^48 to stay exact). */
export function integerMax(column: ColumnModel): number {
  const type = column.type.toLowerCase();
  if (/^(smallint|int2|smallserial)\b/.test(type)) return 32_767;
  if (/^(bigint|int8|bigserial)\b/.test(type)) return 2 ** 48 - 1;
  return 2_147_483_647;
}

/** Digits a numeric column holds before the decimal point; null when unconstrained. */
export function numericIntegerDigits(column: ColumnModel): number | null {
  if (column.category !== 'numeric' || column.numericPrecision === null) return null;
  return column.numericPrecision - (column.numericScale ?? 0);
}
