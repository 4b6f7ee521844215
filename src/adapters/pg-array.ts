/**
 * PostgreSQL array literals in text form (`{a,"b c",NULL}`), so that a transform can be applied to
 * each element of an array column. Nested arrays keep their shape.
 */

export type ArrayNode = string | null | ArrayNode[];

/** Parses an array literal; a leading dimension decoration (`[1:2]={…}`) is kept separately. */
export function parseArray(text: string): { dims: string; items: ArrayNode[] } {
  let pos = 0;
  let dims = '';
  if (text.startsWith('[')) {
    const eq = text.indexOf('=');
    dims = text.slice(0, eq + 1);
    pos = eq + 1;
  }
  const parseList = (): ArrayNode[] => {
    if (text[pos] !== '{') throw new Error('malformed array literal');
    pos++;
    const items: ArrayNode[] = [];
    if (text[pos] === '}') {
      pos++;
      return items;
    }
    for (;;) {
      if (text[pos] === '{') items.push(parseList());
      else if (text[pos] === '"') {
        pos++;
        let value = '';
        while (text[pos] !== '"') {
          if (pos >= text.length) throw new Error('malformed array literal');
          if (text[pos] === '\\') pos++;
          value += text[pos];
          pos++;
        }
        pos++;
        items.push(value);
      } else {
        let end = pos;
        while (text[end] !== ',' && text[end] !== '}') {
          if (end >= text.length) throw new Error('malformed array literal');
          end++;
        }
        const raw = text.slice(pos, end).trim();
        items.push(raw === 'NULL' ? null : raw);
        pos = end;
      }
      if (text[pos] === ',') pos++;
      else if (text[pos] === '}') {
        pos++;
        return items;
      } else throw new Error('malformed array literal');
    }
  };
  return { dims, items: parseList() };
}

function quoteElement(value: string): string {
  if (value === '' || /^null$/i.test(value) || /[{}",\\\s]/.test(value)) {
    return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return value;
}

export function formatArray(dims: string, items: readonly ArrayNode[]): string {
  const list = (nodes: readonly ArrayNode[]): string =>
    `{${nodes.map((n) => (n === null ? 'NULL' : Array.isArray(n) ? list(n) : quoteElement(n))).join(',')}}`;
  return dims + list(items);
}

/** Applies `fn` to every non-null element of an array literal, keeping NULLs and shape. */
export function mapArray(text: string, fn: (element: string) => string | null): string {
  const { dims, items } = parseArray(text);
  const walk = (nodes: ArrayNode[]): ArrayNode[] =>
    nodes.map((n) => (n === null ? null : Array.isArray(n) ? walk(n) : fn(n)));
  return formatArray(dims, walk(items));
}
