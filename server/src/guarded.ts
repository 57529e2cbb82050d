/**
 * Request handlers never take the server down: a handler that throws answers its fallback (null)
 * and the failure is logged, and a request already cancelled is not worked on.
 */
export interface Cancellable {
  isCancellationRequested: boolean;
}

export function guarded<P, R>(name: string, fallback: R, handler: (params: P) => R, log: (message: string) => void) {
  return (params: P, token?: Cancellable): R => {
    if (token?.isCancellationRequested) {
      return fallback;
    }
    try {
      return handler(params);
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  };
}
