import type {
  ChannelDecl,
  DataAttributeDecl,
  KeysOf,
  SearchAttributeDecl,
  SearchAttributeValueAt,
  StateInputDecl,
  ValueAt,
  ValueOfDecl,
} from './declarations.ts';
import { WorkflowDefinitionError } from './errors.ts';
import type { SearchAttributeValueType } from './wire/types.ts';

/**
 * Everything a workflow declares: its type, its states with their input types, its attributes and
 * its channels. Declared once; every key, channel and state id used later is checked against it.
 *
 * @example
 * const spec = {
 *   workflowType: 'UserSignupWorkflow',
 *   states: { SubmitState: stateInput<Form>() },
 *   dataAttributes: { status: dataAttribute<string>() },
 * } satisfies WorkflowSchemaSpec;
 */
export interface WorkflowSchemaSpec {
  readonly workflowType: string;
  readonly states: Readonly<Record<string, StateInputDecl<unknown>>>;
  readonly dataAttributes?: Readonly<Record<string, DataAttributeDecl<unknown>>>;
  readonly searchAttributes?: Readonly<Record<string, SearchAttributeDecl>>;
  readonly internalChannels?: Readonly<Record<string, ChannelDecl<unknown, 'internalChannel'>>>;
  readonly signalChannels?: Readonly<Record<string, ChannelDecl<unknown, 'signalChannel'>>>;
}

type Section<S, K extends keyof WorkflowSchemaSpec> = S extends { readonly [P in K]: infer D }
  ? D extends undefined
    ? Record<never, never>
    : D
  : Record<never, never>;

/** State ids a schema declares. */
export type StateIdOf<S> = keyof Section<S, 'states'> & string;
/** The input type of a declared state. */
export type StateInputOf<S, Id extends string> = ValueOfDecl<
  Section<S, 'states'>[Id & keyof Section<S, 'states'>]
>;
/** Data attribute keys a schema accepts (exact names and `prefix…`). */
export type DataAttributeKeyOf<S> = KeysOf<Section<S, 'dataAttributes'>>;
/** The value type of a data attribute key. */
export type DataAttributeValueOf<S, K extends string> = ValueAt<Section<S, 'dataAttributes'>, K>;
/** Search attribute keys a schema declares. */
export type SearchAttributeKeyOf<S> = keyof Section<S, 'searchAttributes'> & string;
/** The TypeScript value of a search attribute key. */
export type SearchAttributeValueOf<S, K extends string> = SearchAttributeValueAt<
  Section<S, 'searchAttributes'>,
  K & keyof Section<S, 'searchAttributes'>
>;
/** Internal channel names a schema accepts. */
export type InternalChannelNameOf<S> = KeysOf<Section<S, 'internalChannels'>>;
/** The value type of an internal channel. */
export type InternalChannelValueOf<S, K extends string> = ValueAt<Section<S, 'internalChannels'>, K>;
/** Signal channel names a schema accepts. */
export type SignalChannelNameOf<S> = KeysOf<Section<S, 'signalChannels'>>;
/** The value type of a signal channel. */
export type SignalChannelValueOf<S, K extends string> = ValueAt<Section<S, 'signalChannels'>, K>;
/** Map of exact internal channel names to value types (for typed command results). */
export type InternalChannelMapOf<S> = {
  [K in keyof Section<S, 'internalChannels'>]: ValueOfDecl<Section<S, 'internalChannels'>[K]>;
};
/** Map of exact signal channel names to value types (for typed command results). */
export type SignalChannelMapOf<S> = {
  [K in keyof Section<S, 'signalChannels'>]: ValueOfDecl<Section<S, 'signalChannels'>[K]>;
};

type Named = { readonly prefix?: boolean };

function matches(decls: Readonly<Record<string, Named>> | undefined, name: string): boolean {
  if (!decls) return false;
  if (Object.hasOwn(decls, name)) return true;
  for (const [key, decl] of Object.entries(decls)) {
    if (decl.prefix && name.startsWith(key)) return true;
  }
  return false;
}

/**
 * Run-time view of a schema, to check names coming from code that the compiler could not see
 * (plain JavaScript callers, names built at run time).
 *
 * @example
 * new SchemaIndex(spec).requireDataAttribute('status');
 */
export class SchemaIndex {
  constructor(readonly spec: WorkflowSchemaSpec) {}

  get workflowType(): string {
    return this.spec.workflowType;
  }
  requireDataAttribute(key: string): void {
    if (!matches(this.spec.dataAttributes, key)) {
      throw new WorkflowDefinitionError(
        `data attribute '${key}' is not declared in workflow ${this.workflowType}: add it to dataAttributes ` +
          `(declared: ${Object.keys(this.spec.dataAttributes ?? {}).join(', ') || 'none'})`,
      );
    }
  }
  searchAttributeType(key: string): SearchAttributeValueType {
    const decl = this.spec.searchAttributes?.[key];
    if (!decl || !Object.hasOwn(this.spec.searchAttributes ?? {}, key)) {
      throw new WorkflowDefinitionError(
        `search attribute '${key}' is not declared in workflow ${this.workflowType}: add it to searchAttributes ` +
          `(declared: ${Object.keys(this.spec.searchAttributes ?? {}).join(', ') || 'none'})`,
      );
    }
    return decl.valueType;
  }
  requireInternalChannel(name: string): void {
    if (!matches(this.spec.internalChannels, name)) {
      throw new WorkflowDefinitionError(
        `internal channel '${name}' is not declared in workflow ${this.workflowType}: add it to internalChannels ` +
          `(declared: ${Object.keys(this.spec.internalChannels ?? {}).join(', ') || 'none'})`,
      );
    }
  }
  requireSignalChannel(name: string): void {
    if (!matches(this.spec.signalChannels, name)) {
      throw new WorkflowDefinitionError(
        `signal channel '${name}' is not declared in workflow ${this.workflowType}: add it to signalChannels ` +
          `(declared: ${Object.keys(this.spec.signalChannels ?? {}).join(', ') || 'none'})`,
      );
    }
  }
  hasState(stateId: string): boolean {
    return Object.hasOwn(this.spec.states, stateId);
  }
}
