/** Reads the value at a dotted path (`result.items`); undefined when any step is missing. */
export function getAt(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Sets the value at a dotted path, creating the objects on the way. */
export function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = target;
  for (const key of keys.slice(0, -1)) {
    const next = o[key];
    if (next === undefined || next === null) o = o[key] = {};
    else if (typeof next === 'object' && !Array.isArray(next)) o = next as Record<string, unknown>;
    else throw new TypeError(`cannot set "${path}": "${key}" is not an object`);
  }
  o[keys[keys.length - 1]!] = value;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
