/** Reads the list `scan --affected-out` writes, as tests compare it. */
import { readFile, stat } from 'node:fs/promises';

export interface AffectedRow {
  readonly person: number;
  readonly records: { readonly table: string; readonly key: string }[];
  readonly categories: string[];
  readonly places: string[];
}

/** The fields of one CSV line (RFC 4180 quoting; the affected file never breaks a field across lines). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The rows of an affected file; fails when the file is readable by others than its owner. */
export async function readAffected(file: string): Promise<AffectedRow[]> {
  if (((await stat(file)).mode & 0o077) !== 0) throw new Error(`${file} is readable by others`);
  const [header, ...lines] = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
  if (header !== 'person,records,categories,found_in') throw new Error(`${file}: unexpected header`);
  return lines.map((line) => {
    const [person, records, categories, places] = csvFields(line);
    return {
      person: Number(person),
      records: (records ?? '').split(' | ').map((r) => {
        const at = r.lastIndexOf(':');
        return { table: r.slice(0, at), key: r.slice(at + 1) };
      }),
      categories: (categories ?? '').split(';').filter((c) => c !== ''),
      places: (places ?? '').split(' | ').filter((p) => p !== ''),
    };
  });
}

/** Every record of an affected file with its person number, in file order. */
export function affectedRecords(
  rows: readonly AffectedRow[],
): { table: string; key: string; person: number }[] {
  return rows.flatMap((r) => r.records.map((rec) => ({ ...rec, person: r.person })));
}
