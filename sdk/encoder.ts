import type { EncodedObject } from './wire/types.ts';

/**
 * Turns values into the `EncodedObject`s that travel on the wire, and back.
 *
 * @example
 * const encoded = jsonEncoder.encode({ a: 1 }); // { encoding: 'json/plain', data: '{"a":1}' }
 * jsonEncoder.decode(encoded); // { a: 1 }
 */
export interface ObjectEncoder {
  /** `undefined` means "no value": the field is left out of the request. */
  encode(value: unknown): EncodedObject | undefined;
  decode(encoded: EncodedObject | undefined | null): unknown;
}

/** The encoding every official SDK can read (Python reads only this one). */
export const JSON_PLAIN_ENCODING = 'json/plain';

/**
 * The default encoder: writes `json/plain` like the Python SDK and reads what Java (`json`),
 * Go (`builtinGolangJson`) and Python write.
 *
 * @example
 * jsonEncoder.decode({ encoding: 'builtinGolangJson', data: '"x"' }); // 'x'
 */
export const jsonEncoder: ObjectEncoder = {
  encode(value) {
    if (value === undefined || value === null) return undefined;
    return { encoding: JSON_PLAIN_ENCODING, data: JSON.stringify(value) };
  },
  decode(encoded) {
    if (!encoded || encoded.data === undefined || encoded.data === '') return undefined;
    if (encoded.encoding === 'binary/null') return undefined;
    if (encoded.encoding === 'binary/plain') return encoded.data;
    try {
      return JSON.parse(encoded.data);
    } catch (cause) {
      throw new TypeError(
        `cannot decode a value with encoding '${encoded.encoding ?? ''}': its data is not JSON (${String(cause)}). ` +
          'Pass a custom ObjectEncoder to the client and worker if this workflow uses another encoding.',
      );
    }
  },
};
