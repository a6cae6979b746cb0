/** Nest injection tokens for the ports and shared services. */
export const CONFIG = Symbol('CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const BUS = Symbol('BUS');
export const READ_MODELS = Symbol('READ_MODELS');
export const METRICS = Symbol('METRICS');
export const PARKED_MESSAGES = Symbol('PARKED_MESSAGES');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const SERVICE_INFO = Symbol('SERVICE_INFO');

export interface ServiceInfo {
  /** e.g. `architecture-registry`, or `ledger` for the all-in-one app. */
  name: string;
  /** Contexts whose events this process forwards from the store to the bus. */
  forwards: string[];
  /** Whether the forwarder's checkpoint is kept in the event store (distributed) or in memory (embedded re-publishes at start). */
  persistentForwarderCheckpoint: boolean;
}
