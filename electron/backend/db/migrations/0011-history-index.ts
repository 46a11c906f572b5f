import type { Migration } from './types.ts';

// Paging the Änderungsprotokoll (issue 12): with 100,000 change-log entries, a page of a measure's
// history must not scan the log. A step touches an object when its row is the object (entity_id)
// or names it as owner in its image (a budget line's measureId, a dependency's dependsOnId, a
// responsibility's actorId). Each of these gets an index; the expressions are exactly those
// listHistory (repos/history.ts) queries, so SQLite uses them. json_extract is deterministic and
// innocuous, so the indexes work with trusted_schema off.
export const migration: Migration = {
  version: 11,
  name: 'history-index',
  up: `
    CREATE INDEX change_log_entity_id ON change_log(entity_id);
    CREATE INDEX change_log_measure ON change_log(json_extract(COALESCE(after_json, before_json), '$.measureId'));
    CREATE INDEX change_log_depends ON change_log(json_extract(COALESCE(after_json, before_json), '$.dependsOnId'));
    CREATE INDEX change_log_actor ON change_log(json_extract(COALESCE(after_json, before_json), '$.actorId'));
  `,
};
