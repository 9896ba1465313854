/**
 * A worker answer that is not a plain 200 JSON body: any status, raw text, a reason phrase, a
 * delay, or a dropped connection. The scenario worker sends it over HTTP; the simulator tests'
 * in-process worker hands it to the simulator as is (a dropped connection becomes a transport
 * error; a delay needs real time and is refused there).
 *
 * @example
 * new Answer({ status: 500, body: { detail: 'boom', errorType: 'BoomError' } });
 * new Answer({ status: 500, body: 'worker says no', statusText: 'BOOM', contentType: 'text/plain' });
 */
export class Answer {
  constructor(
    readonly spec: {
      status?: number;
      /** An object is sent as JSON; a string is sent verbatim. */
      body?: unknown;
      contentType?: string;
      /** The HTTP reason phrase, when not the standard one. */
      statusText?: string;
      delayMs?: number;
      /** Close the connection without answering. */
      hangUp?: boolean;
    },
  ) {}
}

/**
 * What a scripted state or RPC returns: a JSON body answered with 200, or an `Answer`.
 *
 * @example
 * const answer: WorkerAnswer = { output: enc('ok') };
 */
export type WorkerAnswer = object | Answer;
