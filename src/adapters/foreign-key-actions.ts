/**
 * A foreign key's ON UPDATE / ON DELETE clause from the word an engine's catalog gives, as one of
 * a fixed set of texts: the catalog's word never goes into SQL itself. RESTRICT and NO ACTION are
 * left out: every engine here treats them alike, and MariaDB reports an unnamed action as RESTRICT
 * but a named RESTRICT as NO ACTION, so only an unnamed one rebuilds what is read.
 */
export function actionClause(event: 'UPDATE' | 'DELETE', action: unknown): string {
  switch (String(action).toUpperCase()) {
    case 'CASCADE':
      return event === 'UPDATE' ? ' ON UPDATE CASCADE' : ' ON DELETE CASCADE';
    case 'SET NULL':
      return event === 'UPDATE' ? ' ON UPDATE SET NULL' : ' ON DELETE SET NULL';
    case 'SET DEFAULT':
      return event === 'UPDATE' ? ' ON UPDATE SET DEFAULT' : ' ON DELETE SET DEFAULT';
    default:
      return '';
  }
}

/** The actions a foreign key definition of another dialect names, as fixed texts. */
export function actionsIn(definition: string): string {
  const upper = definition.toUpperCase();
  return (['UPDATE', 'DELETE'] as const)
    .map((event) => {
      const found = /ON (UPDATE|DELETE) (CASCADE|SET NULL|SET DEFAULT)/g;
      for (const m of upper.matchAll(found)) if (m[1] === event) return actionClause(event, m[2]);
      return '';
    })
    .join('');
}
