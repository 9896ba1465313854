import { describe, expect, it } from 'vitest';
import { jsonEncoder } from '../../sdk/index.ts';

describe('the default object encoder', () => {
  it('writes json/plain, the one encoding every official SDK reads', () => {
    expect(jsonEncoder.encode('done')).toEqual({ encoding: 'json/plain', data: '"done"' });
    expect(jsonEncoder.encode({ b: 1, a: [true] })).toEqual({
      encoding: 'json/plain',
      data: '{"b":1,"a":[true]}',
    });
  });

  it('leaves out null and undefined values instead of encoding them', () => {
    expect(jsonEncoder.encode(undefined)).toBeUndefined();
    expect(jsonEncoder.encode(null)).toBeUndefined();
  });

  it('reads values written by the Java, Go and Python SDKs', () => {
    expect(jsonEncoder.decode({ encoding: 'json', data: '{"a":1}' })).toEqual({ a: 1 });
    expect(jsonEncoder.decode({ encoding: 'builtinGolangJson', data: '42' })).toBe(42);
    expect(jsonEncoder.decode({ encoding: 'json/plain', data: '"x"' })).toBe('x');
    expect(jsonEncoder.decode({ encoding: 'binary/plain', data: 'raw' })).toBe('raw');
    expect(jsonEncoder.decode({ encoding: 'binary/null' })).toBeUndefined();
    expect(jsonEncoder.decode({})).toBeUndefined();
    expect(jsonEncoder.decode(undefined)).toBeUndefined();
  });

  it('explains what to do when a value is not JSON', () => {
    expect(() => jsonEncoder.decode({ encoding: 'custom', data: 'not json' })).toThrow(
      /custom ObjectEncoder/,
    );
  });
});
