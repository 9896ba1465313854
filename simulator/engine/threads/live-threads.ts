import type { CommandWait } from '../commands/command-wait.ts';
import { NonShrinkingList } from '../support/non-shrinking-list.ts';
import type { ThreadRecord } from './thread-record.ts';

/**
 * One running state execution: where it stands (an immutable record, replaced as it moves on), its
 * command wait while it waits, and whether `IwfExecutingStateIds` counts it.
 *
 * @example
 * const thread = new LiveThread(record, true);
 * thread.record = { ...thread.record, phase: 'execute' };
 */
export class LiveThread {
  wait: CommandWait<LiveThread> | undefined = undefined;
  /** A finished wait kept for the thread's next command phase (`CommandWait.reuse`). */
  spareWait: CommandWait<LiveThread> | undefined = undefined;

  constructor(
    public record: ThreadRecord,
    public countedAsExecuting: boolean,
  ) {}

  /**
   * Carries the next state execution of a thread that ended (one next state, the common case): the
   * thread object and its spare wait serve again instead of new ones that would live until that
   * execution's next step, which at thousands of workflows means surviving into the old generation.
   */
  continueAs(record: ThreadRecord, countedAsExecuting: boolean): LiveThread {
    this.record = record;
    this.countedAsExecuting = countedAsExecuting;
    this.wait = undefined;
    return this;
  }

  /**
   * Drops what the thread holds once it ended. A thread that waited long was promoted to the old
   * generation; dead there, it would keep its last record (young, with its command results) alive
   * through every scavenge until the next full collection.
   */
  end(): void {
    this.record = ENDED;
    this.wait = undefined;
    this.spareWait = undefined;
  }
}

const ENDED: ThreadRecord = Object.freeze({ movement: { stateId: '' }, executionId: '', phase: 'execute' });

/**
 * The running threads of a workflow run, in creation order (reset checkpoints keep that order).
 * A list, not a `Map` keyed by execution id: a run has a few threads, and the map reallocated its
 * table on almost every add and delete (a state ends, the next one starts), ~150 bytes that lived
 * until the workflow's next step.
 *
 * @example
 * run.threads.add(thread);
 * run.threads.find('S1-1')?.wait?.skipTimer('t', undefined);
 */
export class LiveThreads {
  private readonly list = new NonShrinkingList<LiveThread>();

  get size(): number {
    return this.list.size;
  }

  /** The thread at `index` in creation order (0 ≤ index < size). */
  at(index: number): LiveThread {
    return this.list.at(index);
  }

  add(thread: LiveThread): void {
    this.list.push(thread);
  }

  /** Removes a thread, keeping the order of the others. */
  remove(thread: LiveThread): void {
    this.list.remove(thread);
  }

  find(executionId: string): LiveThread | undefined {
    for (let i = 0; i < this.list.size; i++) {
      const thread = this.list.at(i);
      if (thread.record.executionId === executionId) return thread;
    }
    return undefined;
  }

  /** Stops every command wait (the run closed or is stuck); the threads stay listed. */
  abandonWaits(): void {
    for (let i = 0; i < this.list.size; i++) {
      const thread = this.list.at(i);
      thread.wait?.abandon();
      thread.wait = undefined;
    }
  }
}
