// The error query functions throw when the row they were asked to change does not exist (the web layer maps it to 404).
import { RadarError } from '../../errors.ts';

/** A row named by id does not exist; the message names the table and the id. */
export class NotFoundError extends RadarError {
  constructor(readonly table: string, readonly id: number) {
    super(`${table} ${id} does not exist`);
  }
}
