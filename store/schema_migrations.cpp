// schema_migrations: the SQL of each schema version.
#include "store/schema_migrations.hpp"

namespace opinia::store {

namespace {

// Times are integer milliseconds since the Unix epoch (UTC).
constexpr std::string_view migration_1 = R"sql(
CREATE TABLE conversations (
    id                TEXT PRIMARY KEY,
    token_hash        TEXT NOT NULL DEFAULT '',
    flow              TEXT NOT NULL,
    flow_version      INTEGER NOT NULL,
    locale            TEXT NOT NULL DEFAULT '',
    site              TEXT NOT NULL DEFAULT '',
    customer_id       TEXT NOT NULL DEFAULT '',
    customer_verified INTEGER NOT NULL DEFAULT 0,
    agent             TEXT NOT NULL DEFAULT '',
    channel           TEXT NOT NULL DEFAULT '',
    touchpoint        TEXT NOT NULL DEFAULT '',
    interaction       TEXT NOT NULL DEFAULT '',
    stage             TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    source            TEXT NOT NULL,
    state_json        TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX conversations_by_flow ON conversations(flow, created_at);

CREATE TABLE answers (
    id              INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    client_id       TEXT NOT NULL,
    step            TEXT NOT NULL,
    question_type   TEXT NOT NULL,
    scale_min       INTEGER NOT NULL,
    scale_max       INTEGER NOT NULL,
    good_from       INTEGER NOT NULL,
    value           INTEGER,
    text            TEXT,
    raw_text        TEXT NOT NULL,
    parse_method    TEXT NOT NULL,
    skipped         INTEGER NOT NULL DEFAULT 0,
    flow            TEXT NOT NULL,
    flow_version    INTEGER NOT NULL,
    customer_id     TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    UNIQUE (conversation_id, step)
);
CREATE INDEX answers_for_scores ON answers(question_type, flow, created_at);
CREATE INDEX answers_by_time ON answers(created_at);

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    key_hash     TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
)sql";

}  // namespace

const std::vector<schema_migration>& schema_migrations()
{
    static const std::vector<schema_migration> all{
        {1, migration_1},
    };
    return all;
}

}  // namespace opinia::store
