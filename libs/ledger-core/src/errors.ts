/**
 * Typed errors of the ledger. Every error a user can cause is one of these values; the HTTP layer
 * maps `kind` to a status once (see libs/platform): invalid → 400, unauthenticated → 401,
 * forbidden → 403, not-found → 404, conflict → 409, too-large → 413, rule-violated → 422.
 */
export type LedgerErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'rule-violated';

export interface LegalBasis {
  /** Regulation id, e.g. `kupang-perwali-11-2025`. */
  regulation: string;
  /** Article, e.g. `Pasal 52(3)`. */
  article: string;
}

export class LedgerError extends Error {
  constructor(
    readonly kind: LedgerErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly legalBasis?: LegalBasis,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends LedgerError {
  constructor(readonly field: string, message: string, details: Record<string, unknown> = {}) {
    super('invalid', 'VALIDATION_FAILED', `${field}: ${message}`, { field, ...details });
  }
}

export class PayloadTooLargeError extends LedgerError {
  constructor(readonly field: string, size: number, limit: number) {
    super('too-large', 'PAYLOAD_TOO_LARGE', `${field}: ${size} bytes exceeds the limit of ${limit} bytes`, { field, size, limit });
  }
}

export class StreamNotFoundError extends LedgerError {
  constructor(readonly streamId: string) {
    super('not-found', 'STREAM_NOT_FOUND', `stream ${streamId} does not exist`, { streamId });
  }
}

export class ConcurrencyError extends LedgerError {
  constructor(readonly streamId: string, readonly expected: string | number, readonly actual: number) {
    super('conflict', 'WRONG_EXPECTED_VERSION', `stream ${streamId}: expected version ${expected}, but it is at ${actual}`, {
      streamId,
      expected,
      actual,
    });
  }
}

export class CommandReuseError extends LedgerError {
  constructor(readonly commandId: string, readonly streamId: string, readonly originalStreamId: string) {
    super('conflict', 'COMMAND_ID_REUSED', `command ${commandId} was already used on stream ${originalStreamId}, not ${streamId}`, {
      commandId,
      streamId,
      originalStreamId,
    });
  }
}

/** A command the domain refuses because a regulation forbids it; names the article it violates. */
export class RuleViolationError extends LedgerError {
  constructor(code: string, message: string, legalBasis: LegalBasis, details: Record<string, unknown> = {}) {
    super('rule-violated', code, `${message} (${legalBasis.regulation} ${legalBasis.article})`, details, legalBasis);
  }
}

export class NotFoundError extends LedgerError {
  constructor(what: string, id: string) {
    super('not-found', 'NOT_FOUND', `${what} ${id} is not known`, { what, id });
  }
}

export class InvariantError extends LedgerError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super('conflict', code, message, details);
  }
}

export class AuthError extends LedgerError {
  constructor(kind: 'unauthenticated' | 'forbidden', message: string) {
    super(kind, kind === 'unauthenticated' ? 'UNAUTHENTICATED' : 'FORBIDDEN', message);
  }
}
