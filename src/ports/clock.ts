/** Time, behind a port so tests and the scheduler can fix it. */
export interface Clock {
  now(): Date;
}
export const Clock = Symbol.for('s3-import:Clock');

/** Unique ids for jobs and authentications. */
export interface IdGenerator {
  newId(): string;
}
export const IdGenerator = Symbol.for('s3-import:IdGenerator');
