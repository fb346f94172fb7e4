// src/db/schema.ts is written by hand; this test keeps it true to the migrated database. It reads
// it and src/db/schema/*.ts with the TypeScript compiler (syntax only) and compares every table and
// column of the
// `DB` interface with information_schema: the same tables, the same columns, the same nullability,
// a TypeScript type that fits the SQL type, and `Generated` only where the database fills a value in.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../support/db.js';

const SCHEMA_FILE = new URL('../../../src/db/schema.ts', import.meta.url);
const SCHEMA_DIR = new URL('../../../src/db/schema/', import.meta.url);

/** Tables no query builder touches: the migrator's own bookkeeping (src/db/migrate.ts). */
const NOT_DECLARED = new Set(['schema_migrations']);

interface DeclaredColumn {
  /** The TypeScript kinds the selected value can have: 'bigint', 'string', 'Date', … */
  kinds: Set<string>;
  nullable: boolean;
  /** Optional on insert: Generated<…>, GeneratedId, or a ColumnType whose insert type takes undefined. */
  generated: boolean;
}

/** Aliases declared at the top of schema.ts: what they select, and whether inserts may omit them. */
const ALIASES: Record<string, { kind: string; generated: boolean }> = {
  GeneratedId: { kind: 'bigint', generated: true },
  Timestamp: { kind: 'Date', generated: false },
  Json: { kind: 'Json', generated: false },
};

const KEYWORDS = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.StringKeyword, 'string'],
  [ts.SyntaxKind.NumberKeyword, 'number'],
  [ts.SyntaxKind.BigIntKeyword, 'bigint'],
  [ts.SyntaxKind.BooleanKeyword, 'boolean'],
]);

function kindsOf(node: ts.TypeNode, out: { kinds: Set<string>; nullable: boolean }): void {
  if (ts.isParenthesizedTypeNode(node)) return kindsOf(node.type, out);
  if (ts.isUnionTypeNode(node)) {
    for (const t of node.types) kindsOf(t, out);
    return;
  }
  if (ts.isLiteralTypeNode(node)) {
    if (node.literal.kind === ts.SyntaxKind.NullKeyword) out.nullable = true;
    else if (ts.isStringLiteral(node.literal)) out.kinds.add('string');
    else out.kinds.add(`literal:${node.literal.getText()}`);
    return;
  }
  const keyword = KEYWORDS.get(node.kind);
  if (keyword) {
    out.kinds.add(keyword);
    return;
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    out.kinds.add(ALIASES[name]?.kind ?? name);
    return;
  }
  out.kinds.add(`unknown:${node.getText()}`);
}

function declaredColumn(type: ts.TypeNode): DeclaredColumn {
  let select = type;
  let generated = false;
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    const args = type.typeArguments ?? [];
    if (name === 'Generated' && args[0]) {
      select = args[0];
      generated = true;
    } else if (name === 'ColumnType' && args[0]) {
      select = args[0];
      // ColumnType<Select, Insert, Update>: optional on insert when Insert admits undefined or never
      const insert = args[1]?.getText() ?? '';
      generated = /\bundefined\b|^never$/.test(insert);
    } else if (ALIASES[name]) {
      generated = ALIASES[name].generated;
    }
  }
  const out = { kinds: new Set<string>(), nullable: false };
  kindsOf(select, out);
  return { ...out, generated };
}

/** Table name → column name → declared column, following `DB` and the interfaces it extends. */
function declaredTables(): Map<string, Map<string, DeclaredColumn>> {
  const files = [SCHEMA_FILE, ...readdirSync(SCHEMA_DIR).map((f) => new URL(f, SCHEMA_DIR))];
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  for (const file of files) {
    const source = ts.createSourceFile(
      file.pathname,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    source.forEachChild((n) => {
      if (!ts.isInterfaceDeclaration(n)) return;
      if (interfaces.has(n.name.text)) throw new Error(`interface ${n.name.text} declared twice`);
      interfaces.set(n.name.text, n);
    });
  }
  const membersOf = (name: string): ts.PropertySignature[] => {
    const decl = interfaces.get(name);
    if (!decl) throw new Error(`schema.ts has no interface ${name}`);
    const inherited = (decl.heritageClauses ?? []).flatMap((h) =>
      h.types.flatMap((t) => membersOf(t.expression.getText())),
    );
    return [...inherited, ...decl.members.filter(ts.isPropertySignature)];
  };
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const table of membersOf('DB')) {
    const tableName = table.name.getText();
    if (!table.type || !ts.isTypeReferenceNode(table.type))
      throw new Error(`DB.${tableName} is not an interface reference`);
    const columns = new Map<string, DeclaredColumn>();
    for (const column of membersOf(table.type.typeName.getText())) {
      if (!column.type) throw new Error(`${tableName}.${column.name.getText()} has no type`);
      columns.set(column.name.getText(), declaredColumn(column.type));
    }
    tables.set(tableName, columns);
  }
  return tables;
}

/** The TypeScript kinds a value of each SQL type arrives as (src/db/database.ts sets the parsers). */
const KINDS_OF_SQL_TYPE: Record<string, readonly string[]> = {
  int8: ['bigint'],
  int4: ['number'],
  int2: ['number'],
  text: ['string'],
  varchar: ['string'],
  bpchar: ['string'],
  uuid: ['string'],
  date: ['string'],
  numeric: ['string'],
  inet: ['string'],
  xid8: ['string'],
  bool: ['boolean'],
  timestamptz: ['Date'],
  jsonb: ['Json'],
  bytea: ['Uint8Array'],
};

interface DatabaseColumn {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
  is_generated: 'ALWAYS' | 'NEVER';
}

let t: TestDatabase;
let migrated: Map<string, Map<string, DatabaseColumn>>;
let declared: Map<string, Map<string, DeclaredColumn>>;

beforeAll(async () => {
  t = await freshDatabase();
  const rows = await sql<DatabaseColumn>`
    select c.table_name::text, c.column_name::text, c.udt_name::text, c.is_nullable::text,
           c.column_default::text, c.is_identity::text, c.is_generated::text
    from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(t.database.db);
  migrated = new Map();
  for (const r of rows.rows) {
    if (NOT_DECLARED.has(r.table_name)) continue;
    const table = migrated.get(r.table_name) ?? new Map<string, DatabaseColumn>();
    table.set(r.column_name, r);
    migrated.set(r.table_name, table);
  }
  declared = declaredTables();
});
afterAll(async () => t.drop());

describe('src/db/schema.ts against the migrated database', () => {
  it('declares exactly the migrated tables', () => {
    expect([...declared.keys()].sort()).toEqual([...migrated.keys()].sort());
  });

  it('declares exactly the columns of every table', () => {
    const differences: string[] = [];
    for (const [table, columns] of migrated) {
      const mine = declared.get(table);
      if (!mine) continue; // the test above names it
      for (const c of columns.keys())
        if (!mine.has(c)) differences.push(`${table}.${c} is migrated but not declared`);
      for (const c of mine.keys())
        if (!columns.has(c)) differences.push(`${table}.${c} is declared but not migrated`);
    }
    expect(differences).toEqual([]);
  });

  it('gives every column a type of its SQL type, nullable exactly where the column is', () => {
    const differences: string[] = [];
    for (const [table, columns] of migrated) {
      for (const [name, c] of columns) {
        const mine = declared.get(table)?.get(name);
        if (!mine) continue;
        const where = `${table}.${name} (${c.udt_name}${c.is_nullable === 'YES' ? ' null' : ' not null'})`;
        const allowed = KINDS_OF_SQL_TYPE[c.udt_name];
        if (!allowed) differences.push(`${where}: no TypeScript kind known for ${c.udt_name}`);
        else if ([...mine.kinds].some((k) => !allowed.includes(k)))
          differences.push(`${where}: declared as ${[...mine.kinds].join(' | ')}`);
        if (mine.nullable !== (c.is_nullable === 'YES'))
          differences.push(`${where}: declared ${mine.nullable ? 'nullable' : 'not null'}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('lets inserts omit a column only where the database fills it in', () => {
    const differences: string[] = [];
    for (const [table, columns] of migrated) {
      for (const [name, c] of columns) {
        const mine = declared.get(table)?.get(name);
        if (!mine) continue;
        const filled =
          c.column_default !== null || c.is_identity === 'YES' || c.is_generated === 'ALWAYS';
        if (mine.generated && !filled && c.is_nullable === 'NO')
          differences.push(`${table}.${name} is optional on insert but has no default`);
      }
    }
    expect(differences).toEqual([]);
  });
});
