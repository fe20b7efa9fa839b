/**
 * Branded identifiers and units that are easy to mix up. A brand costs nothing at run time;
 * it only stops a `Seconds` from being passed where `EpochMs` is meant.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type CustomerId = Brand<string, 'CustomerId'>;
export type CaseId = Brand<string, 'CaseId'>;
export type EpochMs = Brand<number, 'EpochMs'>;
export type Seconds = Brand<number, 'Seconds'>;
export type ImportId = Brand<number, 'ImportId'>;
