// Shared by every layer: xmpp/ raises it, the engine retries on it, app/ and ui/ word it.

export type ConnectErrorCode =
  | 'auth' // wrong address or password
  | 'unreachable' // server cannot be reached
  | 'conflict' // registration: name taken
  | 'not-allowed' // registration closed
  | 'not-acceptable' // registration: invalid name or password
  | 'unsupported' // server lacks what we need
  | 'other';

export class ConnectError extends Error {
  constructor(
    readonly code: ConnectErrorCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ConnectError';
  }
}

export function errorCode(err: unknown): ConnectErrorCode {
  return err instanceof ConnectError ? err.code : 'other';
}
