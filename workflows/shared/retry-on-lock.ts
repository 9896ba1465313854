import { RpcLockFailureError } from 'iwf-ts/sdk';

/**
 * Calls a locking RPC again when the server refused it because its keys were locked (450), up to
 * `attempts` calls in all; any other outcome, and the last refusal, go to the caller. A retry needs
 * no pause: a server delivers an RPC that arrives while another runs only after that one, so the
 * retry sees its effect (e.g. "already verified") instead of being refused again.
 *
 * @example
 * const answer = await retryWhileLocked(() => client.invokeRpc(workflow, id, 'verify', 'email'));
 */
export async function retryWhileLocked<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof RpcLockFailureError) || attempt >= attempts) throw error;
    }
  }
}
