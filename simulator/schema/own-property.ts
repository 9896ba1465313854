/**
 * Writes `key` as an own property even when it is `__proto__`, which plain assignment would take as
 * the object's prototype: channel names, attribute keys and JSON keys are user text.
 *
 * @example
 * const infos: Record<string, unknown> = {};
 * setOwn(infos, '__proto__', { size: 1 }); // JSON.stringify(infos) === '{"__proto__":{"size":1}}'
 */
export function setOwn<T>(into: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(into, key, { value, writable: true, enumerable: true, configurable: true });
  else into[key] = value;
}

/**
 * The value of an own property, never one inherited from `Object.prototype` (`constructor`…).
 *
 * @example
 * ownValue({ a: 1 }, 'constructor'); // undefined
 */
export function ownValue<T>(from: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(from, key) ? from[key] : undefined;
}
