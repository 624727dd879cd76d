import type { ParticipantChange, PersonRef, StatusChange } from '@case-portal/core';
import type { Kysely, Migration } from 'kysely';
import type { ParticipantChangeRow } from '../db/tables.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Migration '0006-participant-history': who copied whom on a case ("Alex added Priya"), the
 * history's second kind of entry (issue 13). A table of its own, so `status_changes` and every
 * reader of it stay as they were; written in the same transaction as the `case_contacts` change.
 *
 * - `person_doc`: the person as they were named then (id, name, address); reads redact the address
 *   per viewer, as for the case's contacts.
 * - `after_status_seq`: how many status changes the case had when the entry was written. The history
 *   is merged by time, and within one instant by this position, so an entry written in the same
 *   millisecond as a status change still comes before or after it as it happened.
 */
export const participantHistoryMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('participant_changes')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('person_doc', 'text', (c) => c.notNull())
      .addColumn('by_doc', 'text', (c) => c.notNull())
      .addColumn('after_status_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('participant_changes_pk', ['tenant', 'case_id', 'seq'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('participant_changes').execute();
  },
};

/** A stored row as the history entry it records (the address still in: redaction is the route's). */
export function participantEntry(row: ParticipantChangeRow): ParticipantChange {
  return { kind: row.kind, at: row.at, by: JSON.parse(row.by_doc) as ParticipantChange['by'], person: JSON.parse(row.person_doc) as PersonRef };
}

/**
 * Status changes (in `seq` order) and participant entries merged: by time, then by where each
 * participant entry was written among the status changes, then in the order they were written.
 */
export function mergeHistory(statuses: StatusChange[], participants: ParticipantChangeRow[]): (StatusChange | ParticipantChange)[] {
  const keyed = [
    ...statuses.map((e, i) => ({ e: e as StatusChange | ParticipantChange, t: Date.parse(e.at), pos: i + 1, seq: 0 })),
    ...participants.map((r) => ({ e: participantEntry(r) as StatusChange | ParticipantChange, t: Date.parse(r.at), pos: r.after_status_seq + 0.5, seq: r.seq })),
  ];
  keyed.sort((a, b) => a.t - b.t || a.pos - b.pos || a.seq - b.seq);
  return keyed.map((k) => k.e);
}
