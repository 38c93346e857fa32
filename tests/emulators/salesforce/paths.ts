/** Field paths (`Email`, `Account.Name`, `Who.Type`): checked against the schema, then read from records. */
import { invalidField } from './errors';
import { findField, polymorphicNameFields, type FieldDef, type FieldType, type SObjectDef } from './schema';
import type { SfRecord, SfValue, Store } from './store';

export interface ResolvedPath {
  /** Canonical names: reference fields for each hop, then the final field. */
  hops: FieldDef[];
  /** Canonical relationship names for output nesting (`Account`, `Owner`). */
  relationships: string[];
  field: string;
  type: FieldType;
  filterable: boolean;
}

/** Resolves a dotted path from a base type; INVALID_FIELD as Salesforce words it when it does not exist. */
export function resolvePath(store: Store, base: SObjectDef, path: string): ResolvedPath {
  const parts = path.split('.');
  // SOQL lets a path start with the queried object's own name: `Contact.Email`.
  if (parts.length > 1 && parts[0]?.toLowerCase() === base.name.toLowerCase()) parts.shift();
  const hops: FieldDef[] = [];
  const relationships: string[] = [];
  let def: SObjectDef | undefined = base;
  for (let i = 0; i < parts.length - 1; i++) {
    const rel = parts[i] ?? '';
    const ref: FieldDef | undefined = def?.fields.find(
      (f) => f.relationshipName?.toLowerCase() === rel.toLowerCase(),
    );
    if (!def || !ref) {
      throw invalidField(
        `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    hops.push(ref);
    relationships.push(ref.relationshipName ?? rel);
    const targets: string[] = ref.referenceTo ?? [];
    def = targets.length === 1 ? store.def(targets[0] ?? '') : undefined;
  }
  const last = parts[parts.length - 1] ?? '';
  if (!def) {
    // A polymorphic relationship reaches only the fields of the Name object.
    const name = polymorphicNameFields.find((n) => n.toLowerCase() === last.toLowerCase());
    if (!name || parts.length > hops.length + 1) throw noColumn(last, 'Name');
    return { hops, relationships, field: name, type: name === 'Id' ? 'id' : 'string', filterable: true };
  }
  const f = findField(def, last);
  if (!f) throw noColumn(last, def.name);
  return { hops, relationships, field: f.name, type: f.type, filterable: f.filterable !== false };
}

const noColumn = (field: string, entity: string) =>
  invalidField(
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

/** The record a path's relationships lead to (null when a reference is empty), or the record itself. */
export function followPath(store: Store, rec: SfRecord, path: ResolvedPath): SfRecord | null {
  let cur: SfRecord | null = rec;
  for (const hop of path.hops) {
    const id: SfValue | undefined = cur?.[hop.name];
    cur = typeof id === 'string' ? (store.byId(id) ?? null) : null;
  }
  return cur;
}

export function readPath(store: Store, rec: SfRecord, path: ResolvedPath): SfValue {
  const target = followPath(store, rec, path);
  if (!target) return null;
  if (path.field === 'Type' && path.hops.length > 0 && target.Id)
    return store.typeOfId(target.Id as string) ?? null;
  return target[path.field] ?? null;
}
