import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker's module: the compiled file beside this one, or the TypeScript source through tsx. */
function workerEntry(): { code: string; eval: boolean } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    const url = new URL('./build-worker.ts', self).href;
    // Tests and development scripts run the sources: the worker registers tsx before importing them.
    // tsx is resolved from here, not from the working directory the bot was started in.
    const tsx = import.meta.resolve('tsx/esm/api');
    return {
      code: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`,
      eval: true,
    };
  }
  return { code: new URL('./build-worker.js', self).pathname, eval: false };
}

export interface WorkerJob<T> {
  /** The worker's one message; rejected when it reports an error, crashes or exits without one. */
  result: Promise<T>;
  /** Stops the worker (its result is then never settled by it). */
  cancel(): void;
}

/**
 * Runs build-worker.ts on a new thread with `workerData` and waits for its result, its one message
 * other than progress reports (`{ progress }` messages, passed to `onProgress` as they come).
 */
export function runBuildWorker<T, P = never>(
  workerData: unknown,
  opts: Pick<WorkerOptions, 'resourceLimits' | 'transferList'> = {},
  onProgress?: (progress: P) => void,
): WorkerJob<T> {
  const entry = workerEntry();
  const worker = new Worker(entry.code, { eval: entry.eval, workerData, ...opts });
  let settled = false;
  const result = new Promise<T>((resolve, reject) => {
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    const onMessage = (message: T | { error: string } | { progress: P }) => {
      if (message !== null && typeof message === 'object' && 'progress' in message) {
        if (!settled) onProgress?.(message.progress);
        return;
      }
      worker.off('message', onMessage);
      if (message !== null && typeof message === 'object' && 'error' in message)
        settle(() => reject(new Error(message.error)));
      else settle(() => resolve(message as T));
    };
    worker.on('message', onMessage);
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`dataset worker exited with code ${code}`))));
  });
  return {
    result,
    cancel: () => {
      settled = true;
      void worker.terminate();
    },
  };
}
