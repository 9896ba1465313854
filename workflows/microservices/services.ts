/** The four downstream APIs the orchestration calls. */
export type ApiName = 'API1' | 'API2' | 'API3' | 'API4';

/**
 * The downstream microservices. A call that throws is retried by the iWF server with backoff.
 *
 * @example
 * const services: Microservices = new RecordingMicroservices();
 */
export interface Microservices {
  call(api: ApiName, data: string): void | Promise<void>;
}

/** One call to a downstream API. */
export interface ApiCall {
  api: ApiName;
  data: string;
  /** When it was made, by the recorder's clock (epoch ms). */
  at?: number;
}

/**
 * Logs every call, for the demo.
 *
 * @example
 * createOrchestrationWorkflow({ services: new ConsoleMicroservices(console.log) });
 */
export class ConsoleMicroservices implements Microservices {
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}
  call(api: ApiName, data: string): void {
    this.log(`[service] call ${api} with '${data}'`);
  }
}

/**
 * Records every call, stamped by a clock, for tests.
 *
 * @example
 * expect(services.apis()).toEqual(['API1', 'API2', 'API3']);
 */
export class RecordingMicroservices implements Microservices {
  readonly calls: ApiCall[] = [];
  constructor(private readonly clock: () => number = Date.now) {}
  call(api: ApiName, data: string): void {
    this.calls.push({ api, data, at: this.clock() });
  }
  apis(): ApiName[] {
    return this.calls.map((c) => c.api);
  }
}
