/**
 * A static check over src/**\/*.ts (tests aside): SQL built as text interpolates nothing but SQL
 * that Leakproof wrote or the engine's catalog printed, and names quoted by each engine's one quoting
 * module (postgres-identifiers.ts, mysql-dialect.ts, sqlite-dialect.ts).
 * No row value ever goes into SQL text: values travel as parameters ($1) or through COPY.
 *
 * The rule, precisely. A template literal, or a `+` concatenation with a string literal, is SQL when
 * its literal text holds an SQL keyword in capitals (SELECT, FROM, CREATE, ADD CONSTRAINT, …). Each
 * expression interpolated into SQL must be safe, and an expression is safe when it is
 *   - a literal (string, number, regular expression), or a template, `? :`, `+`, `??`, `||` or array
 *     literal made of safe parts;
 *   - a call of quoteIdent or quoteTable from an engine's quoting module; quoteLiteral only in the
 *     DDL modules, for the DDL an engine takes no parameters in (enum labels, setval, sqlite_sequence);
 *   - a call of Number, or of Math's functions: a number;
 *   - `xs.map(f)` where f is one of those, or a function whose result is safe (its index parameter
 *     is a number; its element parameter is safe when `xs` is), and `.join`, `.concat`, `.slice` or
 *     a string method with literal arguments on something safe;
 *   - a `const` initialized with something safe (and only ever `push`ed safe things), or a loop
 *     variable over something safe, or an object literal's property read with a literal key;
 *   - a parameter whose every call in src passes something safe (for a class method, calls through
 *     the interface it implements count too), or the index parameter of a `.map` callback;
 *   - a call of a function in src whose every returned expression is safe;
 *   - `.length`, or a property listed in `fragmentProperties` (none today) whose every write in an
 *     object literal anywhere in src is safe;
 *   - anything inside a function of an engine's `*-introspector.ts` whose doc comment carries
 *     `@catalogSql`: it puts back together SQL the catalog printed in pieces (MySQL's default and
 *     its `on update` in two columns), for the model's catalog properties below;
 *   - one of the properties of src/schema/model.ts that hold SQL PostgreSQL printed itself
 *     (pg_get_constraintdef, pg_get_indexdef, pg_get_expr, pg_get_viewdef, format_type, quote_ident)
 *     or catalog numbers: listed in `catalogSql` below.
 * Anything else (a table name as it came from the catalog, a row value, a hand-quoted `"${name}"`)
 * is a violation. The checker is proved able to fail on examples of each kind at the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');
/** Each engine's one place where names (and DDL literals) are quoted. */
const quotingModules = [
  join(src, 'adapters', 'postgres', 'postgres-identifiers.ts'),
  join(src, 'adapters', 'mysql', 'mysql-dialect.ts'),
  join(src, 'adapters', 'sqlite', 'sqlite-dialect.ts'),
];
const modelModule = join(src, 'schema', 'model.ts');
/** SQL every engine shares, quoted by the functions each passes in (see `sharedQuoting`). */
const sharedSqlModule = join(src, 'adapters', 'linked-select.ts');
/** Where quoteLiteral may be called: DDL that takes no parameters. */
const literalModules = [
  ...quotingModules,
  join(src, 'adapters', 'postgres', 'postgres-ddl.ts'),
  join(src, 'adapters', 'postgres', 'postgres-types.ts'),
];
/** A file that exists only in the checker's program: examples the rule must catch. */
const examplesFile = join(src, '__sql_quoting_examples__.ts');

/** Model properties PostgreSQL itself wrote as SQL (or catalog numbers), see postgres-catalog.ts. */
const catalogSql = new Set([
  'definition', // pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef
  'defaultExpr', // pg_get_expr / typdefault
  'generatedExpr', // pg_get_expr
  'collation', // quote_ident(schema) || '.' || quote_ident(name)
  'type', // format_type
  'baseType', // format_type
  'dataType', // format_type
  'identity', // 'always' | 'by default'
  'start', // sequence numbers, ::text of int8
  'increment',
  'min',
  'max',
  'cache',
  'lastValue',
  'numericPrecision', // catalog numbers (typmod, information_schema, a declared type's digits)
  'numericScale',
  'maxLength',
  'autoIncrement', // MySQL's AUTO_INCREMENT, sqlite_sequence
]);

/**
 * Properties that hold SQL fragments Leakproof built. Safe to interpolate when every object literal
 * in src that writes a property of that name writes something safe, whatever its type. None today:
 * a subject link is data (tables and columns), and the adapter quotes them where it builds its joins.
 */
const fragmentProperties = new Set<string>();

const sqlKeyword =
  /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|COPY|TRUNCATE|GRANT|REVOKE|REFRESH|FETCH|DECLARE|FROM|JOIN|WHERE|VALUES|SET|BEGIN|SAVEPOINT|CONSTRAINT|COLLATE|DEFAULT|REFERENCES|CASCADE|LIMIT|RETURNING|ORDER BY|GROUP BY|INTO|EXISTS)\b/;

/** Array and string methods that give something safe when called on something safe with safe arguments. */
const passThrough = new Set([
  'toString',
  'join',
  'concat',
  'slice',
  'filter',
  'toUpperCase',
  'toLowerCase',
  'trim',
  'replace',
  'replaceAll',
  'split',
  'padStart',
  'padEnd',
]);
const callbackMethods = new Set(['map', 'flatMap', 'filter', 'forEach']);

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly sql: string;
  readonly reason: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.startsWith('test-support')
      ? [path]
      : [];
  });
}

/** Inside a function of an introspector marked `@catalogSql` (see the rule above). */
function reassemblesCatalogSql(node: ts.Node): boolean {
  if (!node.getSourceFile().fileName.endsWith('-introspector.ts')) return false;
  for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent)
    if (ts.isFunctionDeclaration(n) && ts.getJSDocTags(n).some((t) => t.tagName.text === 'catalogSql'))
      return true;
  return false;
}

/** The checker over one program; `check(file)` lists the violations in one file. */
class SqlQuotingChecker {
  private readonly checker: ts.TypeChecker;
  private readonly files: readonly ts.SourceFile[];
  private readonly memo = new Map<ts.Node, string | null>();
  private readonly inProgress = new Set<ts.Node>();
  private calls?: ts.CallExpression[];
  private writesByName?: Map<string, (ts.PropertyAssignment | ts.ShorthandPropertyAssignment)[]>;

  constructor(program: ts.Program) {
    this.checker = program.getTypeChecker();
    this.files = program.getSourceFiles().filter((f) => f.fileName.startsWith(src.split(sep).join('/')));
  }

  /** How many SQL texts (templates and concatenations) `check` has looked at. */
  sqlTexts = 0;

  check(file: ts.SourceFile): Violation[] {
    const found: Violation[] = [];
    const report = (node: ts.Node, reason: string) =>
      reassemblesCatalogSql(node) ||
      found.push({
        file: relative(root, file.fileName),
        line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        sql: node.getText().replace(/\s+/g, ' ').slice(0, 120),
        reason,
      });
    const visit = (node: ts.Node): void => {
      if (ts.isTemplateExpression(node) && sqlKeyword.test(templateText(node))) {
        this.sqlTexts++;
        for (const span of node.templateSpans) {
          const reason = this.unsafe(span.expression);
          if (reason !== null) report(span.expression, reason);
        }
      } else if (isConcatenation(node) && !isConcatenation(node.parent)) {
        const parts = concatenated(node);
        if (parts.some((p) => ts.isStringLiteralLike(p) && sqlKeyword.test(p.text))) {
          this.sqlTexts++;
          for (const part of parts) {
            const reason = this.unsafe(part);
            if (reason !== null) report(part, reason);
          }
        }
      }
      if (ts.isCallExpression(node)) {
        const reason = this.unsharedQuoting(node);
        if (reason !== null) report(node, reason);
      }
      if (
        ts.isCallExpression(node) &&
        this.isQuotingFunction(node.expression, 'quoteLiteral') &&
        !literalModules.some((m) => file.fileName === m.split(sep).join('/'))
      )
        report(node, 'quoteLiteral outside the DDL modules: values go as parameters or through COPY');
      ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  }

  /** Null when `node` is safe to interpolate into SQL; otherwise why not. */
  private unsafe(node: ts.Expression): string | null {
    const e = skipOuter(node);
    if (
      ts.isStringLiteralLike(e) ||
      ts.isNumericLiteral(e) ||
      ts.isBigIntLiteral(e) ||
      ts.isRegularExpressionLiteral(e) ||
      e.kind === ts.SyntaxKind.TrueKeyword ||
      e.kind === ts.SyntaxKind.FalseKeyword ||
      e.kind === ts.SyntaxKind.NullKeyword
    )
      return null;
    if (ts.isTemplateExpression(e)) return first(e.templateSpans, (s) => this.unsafe(s.expression));
    if (ts.isConditionalExpression(e)) return this.unsafe(e.whenTrue) ?? this.unsafe(e.whenFalse);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (
        [
          ts.SyntaxKind.PlusToken,
          ts.SyntaxKind.QuestionQuestionToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.MinusToken,
          ts.SyntaxKind.AsteriskToken,
        ].includes(op)
      )
        return this.unsafe(e.left) ?? this.unsafe(e.right);
      return `${ts.SyntaxKind[op]} expression`;
    }
    if (ts.isArrayLiteralExpression(e))
      return first(e.elements, (x) => this.unsafe(ts.isSpreadElement(x) ? x.expression : x));
    if (ts.isCallExpression(e)) return this.unsafeCall(e);
    if (ts.isIdentifier(e)) return this.unsafeIdentifier(e);
    if (ts.isPropertyAccessExpression(e)) return this.unsafeProperty(e);
    if (ts.isElementAccessExpression(e)) {
      const receiver = skipOuter(e.expression);
      if (ts.isIdentifier(receiver)) {
        const init = this.constInitializer(receiver);
        if (init && ts.isObjectLiteralExpression(skipOuter(init)))
          return first((skipOuter(init) as ts.ObjectLiteralExpression).properties, (p) =>
            ts.isPropertyAssignment(p) ? this.unsafe(p.initializer) : 'a computed entry',
          );
      }
      if (!isLiteral(e.argumentExpression)) return `an element at a computed index: ${e.getText()}`;
      return this.unsafe(e.expression);
    }
    return `${ts.SyntaxKind[e.kind]} is neither a quoted name nor SQL Leakproof wrote`;
  }

  private unsafeCall(call: ts.CallExpression): string | null {
    if (this.isQuotingFunction(call.expression, 'quoteIdent', 'quoteTable', 'quoteLiteral')) return null;
    const text = skipOuter(call.expression).getText();
    if (text === 'Number' || text === 'BigInt' || /^Math\.\w+$/.test(text)) return null;
    // Array.from({ length }, fn): safe when fn's result is.
    if (text === 'Array.from') {
      const fn = call.arguments[1] === undefined ? undefined : skipOuter(call.arguments[1]);
      if (fn !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)))
        return this.unsafeReturns(fn);
    }
    const callee = skipOuter(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'map' || method === 'flatMap') {
        const [fn] = call.arguments;
        if (fn === undefined) return 'map without a function';
        if (this.isQuotingFunction(fn, 'quoteIdent', 'quoteTable', 'quoteLiteral')) return null;
        const f = skipOuter(fn);
        if (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) return this.unsafeReturns(f);
        return `map with ${fn.getText()}`;
      }
      if (passThrough.has(method) && this.declaredOutsideSrc(callee))
        return this.unsafe(callee.expression) ?? first(call.arguments, (a) => this.unsafe(a));
    }
    const declaration = this.declarationOf(call.expression);
    if (declaration === undefined) return `a call of ${call.expression.getText()}, which is not in src`;
    if (isFunctionLike(declaration)) return this.unsafeReturns(declaration);
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const functions = this.functionsOf(declaration.initializer);
      if (functions !== null) return first(functions, (f) => this.unsafeReturns(f));
    }
    return `a call of ${call.expression.getText()}`;
  }

  /**
   * The functions an expression can be: a function itself, either side of `? :` (undefined is no
   * function), or an element of a const object literal of functions (a lookup table by type).
   * Null when it can be something else.
   */
  private functionsOf(node: ts.Expression): ts.FunctionLikeDeclaration[] | null {
    const e = skipOuter(node);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return [e];
    if (ts.isIdentifier(e) && e.text === 'undefined') return [];
    if (ts.isConditionalExpression(e)) {
      const [a, b] = [this.functionsOf(e.whenTrue), this.functionsOf(e.whenFalse)];
      return a === null || b === null ? null : [...a, ...b];
    }
    if (ts.isElementAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const table = this.constInitializer(e.expression);
      const literal = table === undefined ? undefined : skipOuter(table);
      if (literal === undefined || !ts.isObjectLiteralExpression(literal)) return null;
      const all: ts.FunctionLikeDeclaration[] = [];
      for (const p of literal.properties) {
        const fs = ts.isPropertyAssignment(p) ? this.functionsOf(p.initializer) : null;
        if (fs === null) return null;
        all.push(...fs);
      }
      return all;
    }
    return null;
  }

  /** Whether every value the function returns is safe. */
  private unsafeReturns(fn: ts.FunctionLikeDeclaration): string | null {
    return this.memoized(fn, () => {
      if (!fn.body) return `${fn.name?.getText() ?? 'a function'} has no body`;
      if (!ts.isBlock(fn.body)) return this.unsafe(fn.body);
      const returns: ts.Expression[] = [];
      const collect = (node: ts.Node): void => {
        if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
        if (!isFunctionLike(node)) ts.forEachChild(node, collect);
      };
      ts.forEachChild(fn.body, collect);
      return first(returns, (r) => this.unsafe(r));
    });
  }

  private unsafeIdentifier(id: ts.Identifier): string | null {
    return this.unsafeDeclaration(this.declarationOf(id), id.text);
  }

  /** `{ keyColumns }`: the variable of that name. */
  private unsafeShorthand(property: ts.ShorthandPropertyAssignment): string | null {
    const symbol = this.checker.getShorthandAssignmentValueSymbol(property);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    return this.unsafeDeclaration(declaration, property.name.text);
  }

  private unsafeDeclaration(declaration: ts.Declaration | undefined, name: string): string | null {
    if (declaration === undefined || !declaration.getSourceFile().fileName.startsWith(posix(src)))
      return `${name}, which is not declared in src`;
    return this.memoized(declaration, () => {
      if (ts.isVariableDeclaration(declaration)) {
        const list = declaration.parent;
        if (ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent))
          return this.unsafe(list.parent.expression); // a loop variable: an element of the array
        if (!(ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const))
          return `${name} is not a const`;
        if (!declaration.initializer) return `${name} has no initializer`;
        return this.unsafe(declaration.initializer) ?? this.unsafeMutations(declaration);
      }
      if (ts.isParameter(declaration)) return this.unsafeParameter(declaration);
      return `${name} (${ts.SyntaxKind[declaration.kind]})`;
    });
  }

  /** `parts.push(x)` on a const array: what is pushed must be safe too. */
  private unsafeMutations(declaration: ts.VariableDeclaration): string | null {
    const scope = declaration.getSourceFile();
    const problems: string[] = [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['push', 'unshift', 'splice'].includes(node.expression.name.text) &&
        ts.isIdentifier(node.expression.expression) &&
        this.declarationOf(node.expression.expression) === declaration
      ) {
        for (const arg of node.arguments) {
          const reason = this.unsafe(ts.isSpreadElement(arg) ? arg.expression : arg);
          if (reason !== null) problems.push(reason);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    return problems[0] ?? null;
  }

  private unsafeParameter(parameter: ts.ParameterDeclaration): string | null {
    const fn = parameter.parent;
    if (!isFunctionLike(fn)) return 'a parameter of something not a function';
    const position = fn.parameters.indexOf(parameter);
    // A callback of xs.map(…): the index is a number, the element is an element of xs.
    const call = fn.parent;
    if (
      ts.isCallExpression(call) &&
      call.arguments.includes(fn as ts.Expression) &&
      ts.isPropertyAccessExpression(call.expression) &&
      callbackMethods.has(call.expression.name.text)
    ) {
      if (position === 1) return null;
      if (position === 0) return this.unsafe(call.expression.expression);
      return 'a third parameter of a callback';
    }
    const targets = this.callTargets(fn);
    const calls = this.allCalls().filter((c) => {
      const d = this.declarationOf(c.expression);
      return d !== undefined && targets.has(d);
    });
    if (calls.length === 0)
      return `parameter ${parameter.name.getText()}, and nothing in src calls its function`;
    return first(calls, (c) => {
      const arg = c.arguments[position];
      if (arg === undefined) return parameter.initializer ? this.unsafe(parameter.initializer) : null;
      const reason = this.unsafe(arg);
      return reason === null ? null : `${parameter.name.getText()} is given ${arg.getText()}: ${reason}`;
    });
  }

  /** The declarations a call of `fn` resolves to: itself, and for a class method the interface member it implements. */
  private callTargets(fn: ts.FunctionLikeDeclaration): Set<ts.Node> {
    const targets = new Set<ts.Node>([fn]);
    if (ts.isVariableDeclaration(fn.parent)) targets.add(fn.parent);
    if (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)) {
      for (const clause of fn.parent.heritageClauses ?? [])
        for (const type of clause.types) {
          const member = this.checker.getTypeAtLocation(type).getProperty(fn.name.getText());
          for (const d of member?.declarations ?? []) targets.add(d);
        }
    }
    return targets;
  }

  private unsafeProperty(access: ts.PropertyAccessExpression): string | null {
    const name = access.name.text;
    if (name === 'length') return null;
    const symbol = this.checker.getSymbolAtLocation(access.name);
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) return `.${name}, which is not declared in src`;
    if (catalogSql.has(name) && this.fromModel(access, name)) return null;
    if (!fragmentProperties.has(name))
      return `.${name}, which is not a quoted name (a database row's or the catalog's value?)`;
    return this.memoized(declarations[0]!, () =>
      first(this.writesOf(name), (w) => {
        const reason = ts.isPropertyAssignment(w) ? this.unsafe(w.initializer) : this.unsafeShorthand(w);
        return reason === null ? null : `.${name} is written from ${w.getText().slice(0, 60)}: ${reason}`;
      }),
    );
  }

  /**
   * Whether `x.name` reads one of the model's catalog-SQL properties: declared in model.ts, or `x` is
   * a parameter typed by its own shape (`c: { definition: string }`) and every call passes a model
   * object there.
   */
  private fromModel(access: ts.PropertyAccessExpression, name: string): boolean {
    const inModel = (type: ts.Type) => {
      const members = type.isUnion() ? type.types : [type];
      return members.every((t) =>
        (this.checker.getPropertyOfType(t, name)?.declarations ?? []).every(
          (d) => d.getSourceFile().fileName === posix(modelModule),
        ),
      );
    };
    if (inModel(this.checker.getTypeAtLocation(access.expression))) return true;
    const receiver = skipOuter(access.expression);
    const parameter = ts.isIdentifier(receiver) ? this.declarationOf(receiver) : undefined;
    if (parameter === undefined || !ts.isParameter(parameter) || !isFunctionLike(parameter.parent))
      return false;
    const fn = parameter.parent;
    const position = fn.parameters.indexOf(parameter);
    const targets = this.callTargets(fn);
    const calls = this.allCalls().filter((c) => {
      const d = this.declarationOf(c.expression);
      return d !== undefined && targets.has(d);
    });
    return (
      calls.length > 0 &&
      calls.every((c) => {
        const arg = c.arguments[position];
        return (
          arg !== undefined && inModel(this.checker.getNonNullableType(this.checker.getTypeAtLocation(arg)))
        );
      })
    );
  }

  /** Every object-literal property of this name in src: its value, or the shorthand. */
  private writesOf(name: string): (ts.PropertyAssignment | ts.ShorthandPropertyAssignment)[] {
    if (this.writesByName === undefined) {
      const byName = new Map<string, (ts.PropertyAssignment | ts.ShorthandPropertyAssignment)[]>();
      for (const file of this.files) {
        const visit = (node: ts.Node): void => {
          if (
            (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
            ts.isIdentifier(node.name)
          )
            byName.set(node.name.text, [...(byName.get(node.name.text) ?? []), node]);
          ts.forEachChild(node, visit);
        };
        visit(file);
      }
      this.writesByName = byName;
    }
    return this.writesByName.get(name) ?? [];
  }

  private allCalls(): ts.CallExpression[] {
    if (this.calls === undefined) {
      const calls: ts.CallExpression[] = [];
      for (const file of this.files) {
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node)) calls.push(node);
          ts.forEachChild(node, visit);
        };
        visit(file);
      }
      this.calls = calls;
    }
    return this.calls;
  }

  private constInitializer(id: ts.Identifier): ts.Expression | undefined {
    const d = this.declarationOf(id);
    return d && ts.isVariableDeclaration(d) && d.parent.flags & ts.NodeFlags.Const
      ? d.initializer
      : undefined;
  }

  private isQuotingFunction(node: ts.Node, ...names: string[]): boolean {
    const d = this.declarationOf(node);
    if (d === undefined) return false;
    // linked-select.ts takes quoteIdent/quoteTable as a destructured parameter; every call passes
    // an engine's own (`unsharedQuoting` reports a call that does not).
    if (ts.isBindingElement(d) && d.getSourceFile().fileName === posix(sharedSqlModule))
      return names.includes(d.name.getText());
    return (
      ts.isFunctionDeclaration(d) &&
      quotingModules.some((m) => d.getSourceFile().fileName === posix(m)) &&
      names.includes(d.name?.text ?? '')
    );
  }

  /**
   * Null unless `call` calls a function of linked-select.ts with quoting that is not exactly an
   * engine's `{ quoteIdent, quoteTable }`.
   */
  unsharedQuoting(call: ts.CallExpression): string | null {
    const d = this.declarationOf(call.expression);
    if (
      d === undefined ||
      d.getSourceFile().fileName !== posix(sharedSqlModule) ||
      !ts.isFunctionDeclaration(d)
    )
      return null;
    const quoting = call.arguments[1] === undefined ? undefined : skipOuter(call.arguments[1]);
    if (quoting === undefined || !ts.isObjectLiteralExpression(quoting))
      return 'quoting that is not an object literal';
    for (const p of quoting.properties) {
      let value = ts.isShorthandPropertyAssignment(p)
        ? this.checker.getShorthandAssignmentValueSymbol(p)
        : undefined;
      if (value && value.flags & ts.SymbolFlags.Alias) value = this.checker.getAliasedSymbol(value);
      const d = value?.valueDeclaration ?? value?.declarations?.[0];
      const own =
        d !== undefined &&
        ts.isFunctionDeclaration(d) &&
        quotingModules.some((m) => d.getSourceFile().fileName === posix(m)) &&
        d.name?.text === p.name?.getText();
      if (!own) return `quoting ${p.getText()} that is not an engine's own`;
    }
    return null;
  }

  private declaredOutsideSrc(access: ts.PropertyAccessExpression): boolean {
    const declarations = this.checker.getSymbolAtLocation(access.name)?.declarations ?? [];
    return declarations.every((d) => !d.getSourceFile().fileName.startsWith(posix(src)));
  }

  /** The declaration a name (or a call's callee) refers to, through imports. */
  private declarationOf(node: ts.Node): ts.Declaration | undefined {
    const target = ts.isPropertyAccessExpression(node) ? node.name : node;
    let symbol = this.checker.getSymbolAtLocation(target);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    return declaration?.getSourceFile().fileName.startsWith(posix(src)) ? declaration : undefined;
  }

  private memoized(node: ts.Node, work: () => string | null): string | null {
    const known = this.memo.get(node);
    if (known !== undefined) return known;
    // A cycle (a property written from itself, a recursive function) is safe when the rest is.
    if (this.inProgress.has(node)) return null;
    this.inProgress.add(node);
    try {
      const result = work();
      this.memo.set(node, result);
      return result;
    } finally {
      this.inProgress.delete(node);
    }
  }
}

const posix = (path: string) => path.split(sep).join('/');

function skipOuter(node: ts.Expression): ts.Expression {
  let e = node;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e)
  )
    e = e.expression;
  return e;
}

function isLiteral(node: ts.Expression): boolean {
  const e = skipOuter(node);
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isRegularExpressionLiteral(e);
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node)
  );
}

function templateText(node: ts.TemplateExpression): string {
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
}

function isConcatenation(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

function concatenated(node: ts.Expression): ts.Expression[] {
  const e = skipOuter(node);
  return isConcatenation(e) ? [...concatenated(e.left), ...concatenated(e.right)] : [e];
}

function first<T>(items: Iterable<T>, check: (item: T) => string | null): string | null {
  for (const item of items) {
    const reason = check(item);
    if (reason !== null) return reason;
  }
  return null;
}

/** Examples of every kind of violation (marked `// VIOLATION`) and of what is allowed. */
const examples = `
import { quoteIdent, quoteLiteral, quoteTable } from './adapters/postgres/postgres-identifiers.js';
import { linkedSelect } from './adapters/linked-select.js';
interface Db { query<T>(sql: string, params?: unknown[]): Promise<T[]> }
interface Row { schema: string; name: string; note: string }
const LIMIT = 10;
function columnsOf(names: readonly string[]): string { return names.map(quoteIdent).join(', '); }
function orderBy(column: string): string { return \`ORDER BY \${quoteIdent(column)}\`; }
function where(condition: string): string { return \`WHERE \${condition}\`; } // VIOLATION: a caller passes a value
export async function examples(db: Db) {
  const rows = await db.query<Row>('SELECT schema, name, note FROM catalog');
  const row = rows[0]!;
  const names = rows.map((r) => r.name);
  await db.query(\`SELECT \${quoteIdent(row.name)} FROM \${quoteTable(row)} WHERE x = $1 LIMIT \${LIMIT}\`, [row.note]);
  await db.query(\`SELECT \${columnsOf(names)} FROM \${quoteTable(row)} \${orderBy(row.name)}\`);
  await db.query(\`SELECT \${names.map((n, i) => \`\${quoteIdent(n)} AS c\${i}\`).join(', ')} FROM t\`);
  await db.query(\`SELECT * FROM \${row.name}\`); // VIOLATION: a name as it came, unquoted
  await db.query(\`DELETE FROM t WHERE note = '\${row.note}'\`); // VIOLATION: a value in SQL text
  await db.query('SELECT * FROM t WHERE note = ' + row.note); // VIOLATION: the same, concatenated
  await db.query(\`SELECT 1 FROM t WHERE x = \${quoteLiteral(row.note)}\`); // VIOLATION: quoteLiteral outside ddl.ts
  await db.query(\`SELECT 1 FROM t \${where('x > 1')}\`); // VIOLATION: where() is as unsafe as its worst caller
  await db.query(\`SELECT 1 FROM t \${where(\`note = '\${row.note}'\`)}\`); // VIOLATION: a value through a helper
  const raw = names.join(', ');
  await db.query(\`SELECT \${raw} FROM t\`); // VIOLATION: names joined without quoting
  await db.query(\`SELECT \${names.map((n) => \`"\${n}"\`).join(', ')} FROM t\`); // VIOLATION: quoted by hand
  const parts = [quoteIdent(row.name)];
  parts.push(row.note);
  await db.query(\`SELECT \${parts.join(', ')} FROM t\`); // VIOLATION: a value pushed into a list of names
  for (const r of rows) await db.query(\`SELECT 1 FROM \${r.schema}.\${quoteIdent(r.name)}\`); // VIOLATION: half quoted
  await db.query(linkedSelect({ table: row, columns: names }, { quoteIdent, quoteTable }));
  await db.query(linkedSelect({ table: row, columns: names }, { quoteIdent: (n: string) => n, quoteTable })); // VIOLATION: shared SQL quoted by hand
}
`;

describe('SQL is built from quoted names and SQL only, never from values', () => {
  let checker: SqlQuotingChecker;
  let program: ts.Program;

  beforeAll(() => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, ...rest) =>
      fileName === posix(examplesFile)
        ? ts.createSourceFile(fileName, examples, language, true)
        : getSourceFile(fileName, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => fileName === posix(examplesFile) || fileExists(fileName);
    program = ts.createProgram([...sourceFiles(src), examplesFile], options, host);
    checker = new SqlQuotingChecker(program);
  }, 60_000);

  const violations = (file: string) => checker.check(program.getSourceFile(posix(file))!);

  test('the checker catches a violation of every kind, and only those', () => {
    const marked = examples
      .split('\n')
      .map((line, i) => (line.includes('// VIOLATION') ? i + 1 : null))
      .filter((n) => n !== null);
    const found = violations(examplesFile);
    expect([...new Set(found.map((v) => v.line))]).toEqual(marked);
    expect(found.find((v) => v.sql.includes('quoteLiteral'))?.reason).toMatch(/quoteLiteral outside/);
  });

  test('src/ has no violations', () => {
    const files = sourceFiles(src);
    expect(files.length).toBeGreaterThan(50);
    const before = checker.sqlTexts;
    const found = files.flatMap((file) => violations(file));
    expect(checker.sqlTexts - before).toBeGreaterThan(40);
    expect(found.map((v) => `${v.file}:${v.line}: ${v.sql} — ${v.reason}`)).toEqual([]);
  });

  test('every SQL text in src was looked at (the keyword test finds SQL where it is)', () => {
    // A sample of statements that must be recognized as SQL, so that the rule cannot pass by
    // overlooking them: each of these files builds SQL with interpolations.
    const sqlFiles = [
      'src/adapters/postgres/postgres-ddl.ts',
      'src/adapters/postgres/postgres-dialect.ts',
      'src/adapters/postgres/postgres-adapter.ts',
      'src/adapters/pglite/pglite-adapter.ts',
      'src/adapters/postgres/postgres-target.ts',
    ];
    for (const file of sqlFiles) {
      const text = readFileSync(join(root, file), 'utf8');
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      let templates = 0;
      const visit = (node: ts.Node): void => {
        if (ts.isTemplateExpression(node) && sqlKeyword.test(templateText(node))) templates++;
        ts.forEachChild(node, visit);
      };
      visit(sf);
      expect(templates, file).toBeGreaterThan(0);
    }
  });
});
