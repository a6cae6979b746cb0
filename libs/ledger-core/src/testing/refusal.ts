import { LedgerError } from '../errors';

/** The LedgerError a call throws; fails the test when it does not throw. */
export function refusal(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (e) {
    return e as LedgerError;
  }
  throw new Error('expected a refusal, but the call succeeded');
}
