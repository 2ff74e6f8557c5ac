import type { SqliteMigration } from '../sqliteMigrations';

/**
 * Makes deleting a row of `transcript_search` delete its words from the index too.
 * @remarks FTS5 otherwise keeps a deleted row's words in its index segments until they happen to be merged, so a
 * deleted conversation's words stayed in the file. The index is rebuilt once (from the rows still there), which drops
 * the words of conversations deleted earlier. Files written between that change and migrations (at version 0) have
 * the setting already, and are not rebuilt again.
 */
export default {
    up(db) {
        const set = db.prepare<[], { v: number }>("SELECT v FROM transcript_search_config WHERE k = 'secure-delete'").get();
        if (set?.v === 1) return;
        db.exec(`INSERT INTO transcript_search (transcript_search, rank) VALUES ('secure-delete', 1);
            INSERT INTO transcript_search (transcript_search) VALUES ('rebuild');`);
    },
} satisfies SqliteMigration;
