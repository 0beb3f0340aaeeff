import { ImportError } from '../../domain/errors.js';
import type { CliCommand, CliContext } from '../cli-command.js';
import { intOption } from '../cli-command.js';
import { displayValue, encodeValue } from '../output/json-values.js';
import { keyValueLines, textTable } from '../output/text-table.js';

const noOptions = {};

export const dbListCommand: CliCommand = {
  name: 'db:list',
  summary: 'list the databases of the warehouse',
  usage: 's3-import db:list',
  example: 's3-import db:list',
  options: noOptions,
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const dbs = await (await ctx.app()).warehouse.listDatabases();
    return { json: dbs.map((name) => ({ name })), text: dbs.length > 0 ? dbs.join('\n') : '(no databases)' };
  },
};

export const dbCreateCommand: CliCommand = {
  name: 'db:create',
  summary: 'create a database',
  usage: 's3-import db:create D',
  example: 's3-import db:create analytics',
  options: noOptions,
  positionals: { min: 1, max: 1 },
  async run(ctx, [db]) {
    await (await ctx.app()).warehouse.createDatabase(db!);
    return { json: { created: db }, text: `Database '${db}' is created.` };
  },
};

export const dbDeleteCommand: CliCommand = {
  name: 'db:delete',
  summary: 'delete a database and its tables',
  usage: 's3-import db:delete D',
  example: 's3-import db:delete analytics',
  options: noOptions,
  positionals: { min: 1, max: 1 },
  async run(ctx, [db]) {
    await (await ctx.app()).warehouse.deleteDatabase(db!);
    return { json: { deleted: db }, text: `Database '${db}' is deleted.` };
  },
};

export const tableListCommand: CliCommand = {
  name: 'table:list',
  summary: 'list tables (of one database, or all)',
  usage: 's3-import table:list [D]',
  example: 's3-import table:list analytics',
  options: noOptions,
  positionals: { min: 0, max: 1 },
  async run(ctx, [db]) {
    const store = (await ctx.app()).warehouse;
    const tables = await store.listTables(db);
    const described = await Promise.all(tables.map((t) => store.describeTable(t)));
    const rows = described.filter((d) => d !== undefined).map((d) => ({ database: d.database, table: d.table, rows: d.rowCount, columns: d.columns.length }));
    return {
      json: rows,
      text: rows.length > 0 ? textTable(['database', 'table', 'rows', 'columns'], rows.map((r) => [r.database, r.table, String(r.rows), String(r.columns)])) : '(no tables)',
    };
  },
};

export const tableCreateCommand: CliCommand = {
  name: 'table:create',
  summary: 'create a table (it starts with only its time column and gains columns on import)',
  usage: 's3-import table:create D T',
  example: 's3-import table:create analytics events',
  options: noOptions,
  positionals: { min: 2, max: 2 },
  async run(ctx, [database, table]) {
    await (await ctx.app()).warehouse.createTable({ database: database!, table: table! });
    return { json: { created: { database, table } }, text: `Table '${database}.${table}' is created.` };
  },
};

export const tableShowCommand: CliCommand = {
  name: 'table:show',
  summary: 'columns and row count of a table',
  usage: 's3-import table:show D T',
  example: 's3-import table:show analytics events',
  options: noOptions,
  positionals: { min: 2, max: 2 },
  async run(ctx, [database, table]) {
    const d = await requireTable(ctx, database!, table!);
    return {
      json: { database, table, rows: d.rowCount, columns: d.columns.map((c) => ({ name: c.name, type: c.type })) },
      text: [keyValueLines([['table', `${database}.${table}`], ['rows', String(d.rowCount)]]), textTable(['column', 'type'], d.columns.map((c) => [c.name, c.type]))].join('\n'),
    };
  },
};

export const tableTailCommand: CliCommand = {
  name: 'table:tail',
  summary: 'the last rows of a table',
  usage: 's3-import table:tail D T [-n N]',
  example: 's3-import table:tail analytics events -n 20',
  options: { rows: { type: 'string', short: 'n' } },
  positionals: { min: 2, max: 2 },
  async run(ctx, [database, table], values) {
    await requireTable(ctx, database!, table!);
    const tail = await (await ctx.app()).warehouse.tail({ database: database!, table: table! }, intOption(values, 'rows', 10));
    return {
      json: { columns: tail.columns.map((c) => ({ name: c.name, type: c.type })), rows: tail.rows.map((r) => r.map(encodeValue)) },
      text: textTable(tail.columns.map((c) => c.name), tail.rows.map((r) => r.map(displayValue))),
    };
  },
};

export const tableDeleteCommand: CliCommand = {
  name: 'table:delete',
  summary: 'delete a table',
  usage: 's3-import table:delete D T',
  example: 's3-import table:delete analytics events',
  options: noOptions,
  positionals: { min: 2, max: 2 },
  async run(ctx, [database, table]) {
    await (await ctx.app()).warehouse.deleteTable({ database: database!, table: table! });
    return { json: { deleted: { database, table } }, text: `Table '${database}.${table}' is deleted.` };
  },
};

async function requireTable(ctx: CliContext, database: string, table: string): Promise<import('../../ports/table-store.js').TableDescription> {
  const d = await (await ctx.app()).warehouse.describeTable({ database, table });
  if (!d) throw new ImportError('TABLE_NOT_FOUND', `table ${database}.${table} does not exist; see \`s3-import table:list\``);
  return d;
}
