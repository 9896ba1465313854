import type { SearchAttributeValueType } from './wire/types.ts';

/** Carries a value type at compile time only; nothing of it exists at run time. */
declare const valueType: unique symbol;

/**
 * A declared data attribute (or, with `prefix: true`, a family of keys sharing a prefix).
 *
 * @example
 * const decl = dataAttribute<Form>();
 */
export interface DataAttributeDecl<T, P extends boolean = boolean> {
  readonly kind: 'dataAttribute';
  readonly prefix: P;
  readonly [valueType]?: T;
}

/**
 * A declared search attribute of one of the seven iWF types.
 *
 * @example
 * const decl = searchAttribute('INT');
 */
export interface SearchAttributeDecl<V extends SearchAttributeValueType = SearchAttributeValueType> {
  readonly kind: 'searchAttribute';
  readonly valueType: V;
}

/**
 * A declared internal channel or signal channel; `prefix: true` declares every name with that prefix.
 *
 * @example
 * const decl = internalChannel<void>();
 */
export interface ChannelDecl<T, K extends 'internalChannel' | 'signalChannel', P extends boolean = boolean> {
  readonly kind: K;
  readonly prefix: P;
  readonly [valueType]?: T;
}

/**
 * A declared state and the type of its input.
 *
 * @example
 * const decl = stateInput<Form>();
 */
export interface StateInputDecl<T> {
  readonly kind: 'state';
  readonly [valueType]?: T;
}

/** Declares a data attribute whose values have type `T`.
 * @example dataAttributes: { status: dataAttribute<string>() } */
export function dataAttribute<T>(): DataAttributeDecl<T, false> {
  return { kind: 'dataAttribute', prefix: false };
}

/** Declares every data attribute whose key starts with the property name.
 * @example dataAttributes: { 'order-': dataAttributePrefix<Order>() } // keys like 'order-42' */
export function dataAttributePrefix<T>(): DataAttributeDecl<T, true> {
  return { kind: 'dataAttribute', prefix: true };
}

/** Declares a search attribute of the given iWF type.
 * @example searchAttributes: { CustomIntField: searchAttribute('INT') } */
export function searchAttribute<V extends SearchAttributeValueType>(type: V): SearchAttributeDecl<V> {
  return { kind: 'searchAttribute', valueType: type };
}

/** Declares an internal channel carrying values of type `T` (`void` for value-less messages).
 * @example internalChannels: { verify: internalChannel<void>() } */
export function internalChannel<T>(): ChannelDecl<T, 'internalChannel', false> {
  return { kind: 'internalChannel', prefix: false };
}

/** Declares every internal channel whose name starts with the property name.
 * @example internalChannels: { 'ChildComplete_': internalChannelPrefix<string>() } */
export function internalChannelPrefix<T>(): ChannelDecl<T, 'internalChannel', true> {
  return { kind: 'internalChannel', prefix: true };
}

/** Declares a signal channel carrying values of type `T`.
 * @example signalChannels: { cancel: signalChannel<string>() } */
export function signalChannel<T>(): ChannelDecl<T, 'signalChannel', false> {
  return { kind: 'signalChannel', prefix: false };
}

/** Declares every signal channel whose name starts with the property name.
 * @example signalChannels: { 'approve-': signalChannelPrefix<boolean>() } */
export function signalChannelPrefix<T>(): ChannelDecl<T, 'signalChannel', true> {
  return { kind: 'signalChannel', prefix: true };
}

/** Declares a state and the type of its input (`void` for none).
 * @example states: { SubmitState: stateInput<Form>(), VerifyState: stateInput<void>() } */
export function stateInput<T = void>(): StateInputDecl<T> {
  return { kind: 'state' };
}

// ---- type-level lookups ------------------------------------------------------------------------

/** The value type a declaration carries. */
export type ValueOfDecl<D> = D extends { readonly [valueType]?: infer T } ? T : never;

type KeyPattern<K extends string, D> = D extends { readonly prefix: true } ? `${K}${string}` : K;

/** Every key a map of declarations accepts: exact names, and `prefix…` for prefix declarations.
 * @example type K = KeysOf<{ a: DataAttributeDecl<number, false> }>; // 'a' */
export type KeysOf<M> = { [K in keyof M & string]: KeyPattern<K, M[K]> }[keyof M & string];

/** The value type of a concrete key in a map of declarations. */
export type ValueAt<M, Key extends string> = {
  [K in keyof M & string]: Key extends KeyPattern<K, M[K]> ? ValueOfDecl<M[K]> : never;
}[keyof M & string];

/** What a search attribute of each iWF type holds in TypeScript. */
export interface SearchAttributeValueTypes {
  INT: number;
  DOUBLE: number;
  BOOL: boolean;
  KEYWORD: string;
  TEXT: string;
  DATETIME: string;
  KEYWORD_ARRAY: string[];
}

/** The TypeScript value of a declared search attribute. */
export type SearchAttributeValueAt<M, Key extends keyof M> =
  M[Key] extends SearchAttributeDecl<infer V> ? SearchAttributeValueTypes[V] : never;

/** Arguments for a value of type `T`: optional when `T` admits `undefined` (e.g. `void`). */
export type OptionalIfVoid<T> = undefined extends T ? [value?: T] : [value: T];
