import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** Where the official iWF OpenAPI spec sits in a checkout with `../shared` beside it. */
export const SPEC_PATH = fileURLToPath(new URL('../../../shared/iwf-idl/iwf.yaml', import.meta.url));

/** One request/response pair that crossed the simulator's boundary. */
export interface Exchange {
  kind: 'api' | 'worker';
  path: string;
  request: unknown;
  status: number;
  response: unknown;
}

interface OpenApiSpec {
  paths: Record<string, { post?: Operation; get?: Operation }>;
  components: { schemas: Record<string, unknown> };
}
interface Operation {
  requestBody?: { content?: { 'application/json'?: { schema?: { $ref?: string } } } };
  responses?: Record<string, { content?: { 'application/json'?: { schema?: { $ref?: string } } } }>;
}

/**
 * Validates exchanges against the official iWF OpenAPI spec: request bodies against the path's
 * request schema, 200 bodies against its response schema, error bodies against `ErrorResponse`.
 *
 * @example
 * const contract = OpenApiContract.load();
 * contract?.violations({ kind: 'api', path: '/api/v1/workflow/get', request, status: 200, response });
 */
export class OpenApiContract {
  private readonly validators = new Map<string, ValidateFunction>();
  private constructor(
    private readonly spec: OpenApiSpec,
    private readonly ajv: Ajv,
  ) {}

  /** The contract, or undefined when `../shared` is absent (a user's clone). */
  static load(path = SPEC_PATH): OpenApiContract | undefined {
    if (!existsSync(path)) return undefined;
    const spec = parse(readFileSync(path, 'utf8')) as OpenApiSpec;
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'iwf', components: spec.components });
    return new OpenApiContract(spec, ajv);
  }

  /** What in this exchange breaks the spec (empty when it conforms). */
  violations(exchange: Exchange): string[] {
    const operation = this.spec.paths[exchange.path]?.post;
    if (!operation) return [`${exchange.path} is not a path of the iWF spec`];
    const problems: string[] = [];
    const requestRef = operation.requestBody?.content?.['application/json']?.schema?.$ref;
    if (requestRef) problems.push(...this.check(requestRef, exchange.request, `${exchange.path} request`));
    const responseSpec =
      exchange.status === 200
        ? operation.responses?.['200']
        : { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } };
    const responseRef = responseSpec?.content?.['application/json']?.schema?.$ref;
    if (responseRef && exchange.kind === 'api' && exchange.status !== 200 && exchange.status >= 400) {
      problems.push(
        ...this.check(responseRef, exchange.response, `${exchange.path} ${exchange.status} answer`),
      );
    } else if (responseRef && exchange.status === 200) {
      problems.push(...this.check(responseRef, exchange.response, `${exchange.path} answer`));
    }
    return problems;
  }

  private check(ref: string, value: unknown, where: string): string[] {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `iwf${ref}` });
      this.validators.set(ref, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}: ${e.instancePath || '(body)'} ${e.message} (${JSON.stringify(value).slice(0, 300)})`,
    );
  }
}
