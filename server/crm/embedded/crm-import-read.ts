// Reads an import file into rows that remember their line: JSON through jsonc-parser's syntax
// tree (so an error points at the offending field's line), CSV through csv-parse.
import { parse as parseCsv } from 'csv-parse/sync';
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import {
  BOOLEAN_FIELDS,
  IMPORT_FIELDS,
  IMPORT_KINDS,
  LIST_FIELDS,
  NUMBER_FIELDS,
  type ImportKind,
} from './crm-import-schemas';

export interface SourceRow {
  kind: ImportKind;
  line: number;
  data: Record<string, unknown>;
  /** The line of a field inside the row (JSON), for errors about that field. */
  lineOf?: (path: readonly PropertyKey[]) => number;
}

export interface RowError {
  line: number;
  kind?: ImportKind;
  id?: string;
  message: string;
}

export interface ReadResult {
  rows: SourceRow[];
  errors: RowError[];
}

/** The file as a whole cannot be read (not JSON, no kind for a CSV, unknown columns). */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

const PLURALS: Record<string, ImportKind> = {
  accounts: 'account',
  contacts: 'contact',
  leads: 'lead',
  opportunities: 'opportunity',
};

/** `account`, `Accounts`, ` opportunity ` → the kind; undefined when it is none. */
export function parseKind(value: string): ImportKind | undefined {
  const v = value.trim().toLowerCase();
  return (IMPORT_KINDS as readonly string[]).includes(v) ? (v as ImportKind) : PLURALS[v];
}

/** 1-based line of an offset; the line starts are counted once, then each lookup is a binary search. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

export function readJsonImport(text: string): ReadResult {
  const line = lineFinder(text);
  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false });
  const first = syntax[0];
  if (first) {
    throw new ImportFileError(
      `not valid JSON: ${printParseErrorCode(first.error)} at line ${line(first.offset)}`,
    );
  }
  if (!root || root.type !== 'object') {
    throw new ImportFileError(
      'the JSON file must be an object: { "accounts": [...], "contacts": [...], "leads": [...], "opportunities": [...] }',
    );
  }
  const rows: SourceRow[] = [];
  const errors: RowError[] = [];
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const key = String(keyNode?.value);
    const kind = PLURALS[key];
    if (!kind) {
      throw new ImportFileError(
        `unknown key "${key}" at line ${line(property.offset)}: use accounts, contacts, leads, opportunities`,
      );
    }
    if (!valueNode || valueNode.type !== 'array') {
      throw new ImportFileError(`"${key}" at line ${line(property.offset)} must be an array`);
    }
    for (const element of valueNode.children ?? []) {
      const at = line(element.offset);
      if (element.type !== 'object') {
        errors.push({ line: at, kind, message: `expected an object for a ${kind}, got ${element.type}` });
        continue;
      }
      rows.push({
        kind,
        line: at,
        data: getNodeValue(element) as Record<string, unknown>,
        lineOf: (path) => {
          const node: Node | undefined = findNodeAtLocation(
            element,
            path.filter((p): p is string | number => typeof p !== 'symbol'),
          );
          // A missing field is reported at the row; an unknown key at the key itself.
          return node ? line(node.parent?.type === 'property' ? node.parent.offset : node.offset) : at;
        },
      });
    }
  }
  return { rows, errors };
}

/** `first_name`, `First Name`, `firstname` all name the `firstName` field. */
const FIELD_BY_KEY = new Map(IMPORT_FIELDS.map((f) => [columnKey(f), f]));
function columnKey(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

function cellValue(field: string, cell: string): unknown {
  if (LIST_FIELDS.has(field))
    return cell
      .split(/[;,]/)
      .map((item) => item.trim())
      .filter(Boolean);
  if (BOOLEAN_FIELDS.has(field)) {
    const v = cell.toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(v)) return true;
    if (['false', 'no', 'n', '0'].includes(v)) return false;
    return cell; // zod reports it as not a boolean
  }
  if (NUMBER_FIELDS.has(field) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

export function readCsvImport(text: string, options: { kind?: ImportKind } = {}): ReadResult {
  const errors: RowError[] = [];
  let header: string[] = [];
  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      columns: (names: string[]) => {
        header = names.map((name) => {
          const field = FIELD_BY_KEY.get(columnKey(name));
          if (!field) {
            throw new ImportFileError(
              `unknown column "${name}" in the header; the columns are: ${IMPORT_FIELDS.join(', ')}`,
            );
          }
          return field;
        });
        const twice = header.find((f, i) => header.indexOf(f) !== i);
        if (twice) throw new ImportFileError(`the column ${twice} appears twice in the header`);
        return header;
      },
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (error: { message: string; lines?: number; record?: unknown } | undefined) => {
        if (!error) return;
        // The cells csv-parse could split still say which kind the row was meant to be, so it counts there.
        const cells = Array.isArray(error.record) ? (error.record as unknown[]) : [];
        const cell = (field: string) => {
          const at = header.indexOf(field);
          return at >= 0 && typeof cells[at] === 'string' ? (cells[at] as string).trim() : '';
        };
        const kind = cell('kind') ? parseKind(cell('kind')) : options.kind;
        errors.push({
          line: error.lines ?? 0,
          ...(kind ? { kind } : {}),
          ...(kind && cell('id') ? { id: cell('id') } : {}),
          message: error.message.replace(/ on line \d+$/, ''),
        });
      },
    }) as typeof records;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!header.includes('kind') && !options.kind) {
    throw new ImportFileError('a CSV file needs a "kind" column or --kind account|contact|lead|opportunity');
  }

  const rows: SourceRow[] = [];
  for (const { record, raw, info } of records) {
    // info.lines is where the record ends; a quoted cell may span lines, so count back to its start.
    // Skipped blank lines before it are part of its raw text too.
    const inner =
      raw
        .replace(/^([ \t]*\r?\n)+/, '')
        .replace(/\r?\n$/, '')
        .split('\n').length - 1;
    const line = info.lines - inner;
    const kindCell = record.kind ?? '';
    const kind = kindCell ? parseKind(kindCell) : options.kind;
    if (!kind) {
      errors.push({
        line,
        message: kindCell
          ? `unknown kind "${kindCell}": use account, contact, lead or opportunity`
          : 'the kind is empty (fill the kind column or pass --kind)',
      });
      continue;
    }
    const data: Record<string, unknown> = {};
    for (const [field, cell] of Object.entries(record)) {
      if (field === 'kind' || cell === '') continue; // an empty cell is a field not given
      data[field] = cellValue(field, cell);
    }
    rows.push({ kind, line, data });
  }
  return { rows, errors };
}
