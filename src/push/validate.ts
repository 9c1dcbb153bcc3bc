// Checks a payload against its reduced schema (generated/push.ts): types, required fields, enums.
// int64 fields sent as strings of digits become numbers. Formats (date-time) are not checked.
/** A payload schema reduced to what the receiver checks: types, required fields, enums, int64. */
export interface PushSchema {
  readonly type?: string | readonly string[];
  readonly properties?: { readonly [field: string]: PushSchema };
  readonly required?: readonly string[];
  readonly items?: PushSchema;
  readonly enum?: readonly unknown[];
  /** An int64 number: the receiver also accepts it as a string of digits and turns it into a number. */
  readonly int64?: boolean;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(s: PushSchema, v: unknown): boolean {
  if (s.type === undefined) return true;
  const types: readonly string[] = typeof s.type === 'string' ? [s.type] : s.type;
  const k = kind(v);
  return types.includes(k) || (k === 'integer' && types.includes('number'));
}

const DIGITS = /^-?\d{1,16}$/;

/**
 * Returns the problems found (at most `limit`), each naming the field by its JSON pointer. Fixes
 * int64 strings in place: `"7"` becomes `7`.
 */
export function checkPayload(schema: PushSchema, payload: unknown, { strictEnums = true, limit = 5 } = {}): string[] {
  const problems: string[] = [];
  const visit = (s: PushSchema, v: unknown, at: string, set: (n: number) => void): void => {
    if (problems.length >= limit) return;
    if (s.int64 && typeof v === 'string' && DIGITS.test(v) && Number.isSafeInteger(Number(v))) {
      v = Number(v);
      set(v as number);
    }
    if (!typeMatches(s, v)) {
      problems.push(`${at || '/'} must be ${[s.type].flat().join(' or ')}, not ${kind(v)}`);
      return;
    }
    if (s.enum && strictEnums && !s.enum.includes(v)) {
      const known = s.enum.length > 6 ? `${s.enum.slice(0, 5).join(', ')}, ... (${s.enum.length} values)` : s.enum.join(', ');
      problems.push(`${at || '/'} must be one of ${known}; got ${JSON.stringify(v)?.slice(0, 80)}`);
      return;
    }
    if (Array.isArray(v) && s.items) {
      const items = s.items;
      v.forEach((item, i) => visit(items, item, `${at}/${i}`, (n) => (v[i] = n)));
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      for (const key of s.required ?? []) if (o[key] === undefined) problems.push(`${at}/${key} is required`);
      for (const [key, sub] of Object.entries(s.properties ?? {})) {
        if (o[key] !== undefined) visit(sub, o[key], `${at}/${key}`, (n) => (o[key] = n));
      }
    }
  };
  visit(schema, payload, '', () => {});
  return problems.slice(0, limit);
}
