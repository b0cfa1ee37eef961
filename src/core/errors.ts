/**
 * Typed application errors. Every error that crosses a boundary (worker, provider, storage)
 * carries a stable `code` from this closed union so the UI can explain it in plain words.
 */
export type ErrorCode =
  | 'bad-import'
  | 'client-not-found'
  | 'bad-pdf'
  | 'pdf-encrypted'
  | 'pdf-no-text'
  | 'duplicate-document'
  | 'file-too-large'
  | 'quota-exceeded'
  | 'storage-corrupt'
  | 'storage-unavailable'
  | 'stale-tab'
  | 'model-unavailable'
  | 'webgpu-unavailable'
  | 'provider-auth'
  | 'provider-rate-limit'
  | 'provider-network'
  | 'provider-bad-response'
  | 'bad-feedback'
  | 'bad-dataset'
  | 'cancelled'
  | 'internal';

export interface AppErrorData {
  readonly name: 'AppError';
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, string | number | boolean | null>;
}

export class AppError extends Error {
  override readonly name = 'AppError' as const;
  readonly code: ErrorCode;
  readonly details?: Record<string, string | number | boolean | null>;

  constructor(code: ErrorCode, message: string, details?: AppErrorData['details']) {
    super(message);
    this.code = code;
    this.details = details;
  }

  toJSON(): AppErrorData {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.details);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping an existing code. */
export function toAppError(err: unknown, fallback: ErrorCode = 'internal'): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof DOMException && err.name === 'AbortError') return new AppError('cancelled', 'Cancelled.');
  if (err instanceof DOMException && err.name === 'QuotaExceededError') {
    return new AppError('quota-exceeded', 'The browser storage is full.');
  }
  const message = err instanceof Error ? err.message : 'Unexpected error.';
  return new AppError(fallback, message);
}
