// A worker_threads pool for CPU-bound per-document work (jsdom + Readability + extraction): one long-lived worker per
// core, one document per message (which also gives jsdom the event-loop turn it needs to free each window), and a
// per-task time budget: a task over budget terminates its worker, is reported as failed, and a fresh worker replaces it.
import { Worker } from 'node:worker_threads';

export interface PoolTask<T> {
  id: number;
  payload: T;
}

/** A failed task may carry the partial result its worker reported before failing (e.g. cleaned but not extracted). */
export type TaskOutcome<R> = { ok: true; result: R; durationMs: number } | { ok: false; error: string; durationMs: number; partial?: R };

/** Messages a pool worker sends: 'ready' once after loading, then optionally 'partial' and one 'done' per task. */
export type WorkerMessage<R> = { kind: 'ready' } | { kind: 'partial'; id: number; result: R } | { kind: 'done'; id: number; ok: true; result: R } | { kind: 'done'; id: number; ok: false; error: string };

export interface WorkerPoolOptions {
  /** Module the workers run (it must answer 'ready' and then 'done' for every task it receives). */
  workerUrl: URL;
  workerData?: unknown;
  size: number;
  /** Per-task budget; the worker running a task over budget is replaced. */
  taskTimeoutMs: number;
  /**
   * URL of tsx's ESM API (`import.meta.resolve('tsx/esm/api')`): when set, each worker registers tsx before importing
   * `workerUrl`, so a TypeScript module can be the worker. (`--import tsx` in a worker's execArgv does not apply the
   * hooks to the worker's own entry module on Node 20.)
   */
  tsxApiUrl?: string;
  /** Heap cap per worker: a document that blows up memory kills only its worker. */
  maxOldGenerationSizeMb?: number;
  /** How long a worker may take to load (jsdom and the extractor take seconds on a busy box). */
  startTimeoutMs?: number;
}

interface Slot<T, R> {
  worker: Worker;
  ready: boolean;
  task: (PoolTask<T> & { startedAt: number; timer: NodeJS.Timeout; partial?: R; resolve: (o: TaskOutcome<R>) => void }) | null;
}

/** Runs tasks on worker threads with a per-task time budget; `run` resolves with an outcome, it never rejects. */
export class WorkerPool<T, R> {
  private readonly slots = new Set<Slot<T, R>>();
  private readonly queue: Array<PoolTask<T> & { resolve: (o: TaskOutcome<R>) => void }> = [];
  private closed = false;
  private startFailures = 0;
  /** Set when workers keep failing to start: every further task fails at once with this reason. */
  private broken: string | null = null;
  /** How many workers were replaced after a timeout or crash. */
  replaced = 0;

  constructor(private readonly opts: WorkerPoolOptions) {
    for (let i = 0; i < opts.size; i++) this.spawn();
  }

  /** Queues one task; resolves when it finishes, fails, or runs over budget. */
  run(task: PoolTask<T>): Promise<TaskOutcome<R>> {
    return new Promise((resolve) => {
      if (this.broken) return resolve({ ok: false, error: this.broken, durationMs: 0 });
      this.queue.push({ ...task, resolve });
      this.pump();
    });
  }

  /** Terminates every worker; queued tasks resolve as failed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.resolve({ ok: false, error: 'pool closed', durationMs: 0 });
    const slots = [...this.slots];
    this.slots.clear();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    if (this.closed) return;
    const { tsxApiUrl, workerUrl } = this.opts;
    const entry = tsxApiUrl
      ? `import(${JSON.stringify(tsxApiUrl)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); })`
      : workerUrl;
    const worker = new Worker(entry, {
      eval: !!tsxApiUrl,
      workerData: this.opts.workerData,
      resourceLimits: this.opts.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb } : undefined,
      stdout: false,
      stderr: false,
    });
    const slot: Slot<T, R> = { worker, ready: false, task: null };
    this.slots.add(slot);
    const startTimer = setTimeout(() => this.fail(slot, `worker did not start within ${this.opts.startTimeoutMs ?? 120_000} ms`), this.opts.startTimeoutMs ?? 120_000);
    worker.on('message', (msg: WorkerMessage<R>) => {
      if (msg.kind === 'ready') {
        clearTimeout(startTimer);
        slot.ready = true;
        this.startFailures = 0;
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      if (msg.kind === 'partial') {
        task.partial = msg.result;
        return;
      }
      clearTimeout(task.timer);
      slot.task = null;
      const durationMs = Date.now() - task.startedAt;
      task.resolve(msg.ok ? { ok: true, result: msg.result, durationMs } : { ok: false, error: msg.error, durationMs });
      this.pump();
    });
    worker.on('error', (err) => {
      clearTimeout(startTimer);
      this.fail(slot, `worker crashed: ${err.message}`);
    });
    worker.on('exit', (code) => {
      clearTimeout(startTimer);
      if (this.slots.has(slot)) this.fail(slot, `worker exited with code ${code}`);
    });
  }

  /** Retires a worker (timeout, crash, exit), fails its task, and starts a replacement. */
  private fail(slot: Slot<T, R>, error: string): void {
    if (!this.slots.has(slot)) return;
    this.slots.delete(slot);
    void slot.worker.terminate();
    const task = slot.task;
    if (task) {
      clearTimeout(task.timer);
      task.resolve({ ok: false, error, durationMs: Date.now() - task.startedAt, ...(task.partial !== undefined ? { partial: task.partial } : {}) });
    } else if (!slot.ready) {
      // A worker that cannot even start will not start next time either: stop after a few tries rather than loop forever.
      this.startFailures++;
      if (this.startFailures >= this.opts.size + 2) {
        this.broken = error;
        for (const t of this.queue.splice(0)) t.resolve({ ok: false, error, durationMs: 0 });
        return;
      }
    }
    this.replaced++;
    this.spawn();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (!slot.ready || slot.task) continue;
      const next = this.queue.shift()!;
      const timer = setTimeout(() => this.fail(slot, `over the ${this.opts.taskTimeoutMs} ms time budget`), this.opts.taskTimeoutMs);
      slot.task = { ...next, startedAt: Date.now(), timer };
      slot.worker.postMessage({ id: next.id, payload: next.payload });
    }
  }
}
