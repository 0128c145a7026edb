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

// Agents' invites, sites (public key, secret, origins), webhooks with their outbox and delivery log.
constexpr std::string_view migration_2 = R"sql(
CREATE TABLE invites (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    flow            TEXT NOT NULL,
    customer_id     TEXT NOT NULL,
    agent           TEXT NOT NULL DEFAULT '',
    channel         TEXT NOT NULL DEFAULT '',
    touchpoint      TEXT NOT NULL DEFAULT '',
    interaction     TEXT NOT NULL DEFAULT '',
    stage           TEXT NOT NULL DEFAULT '',
    locale          TEXT NOT NULL DEFAULT '',
    created_by_key  INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    conversation_id TEXT,
    opened_at       INTEGER
);
CREATE UNIQUE INDEX invites_by_interaction ON invites(interaction) WHERE interaction <> '';
CREATE INDEX invites_by_customer ON invites(customer_id, created_at);
CREATE INDEX invites_by_key ON invites(created_by_key, id);
CREATE INDEX conversations_by_customer ON conversations(customer_id, created_at);

CREATE TABLE sites (
    id          INTEGER PRIMARY KEY,
    public_key  TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    secret      TEXT NOT NULL,
    origins     TEXT NOT NULL DEFAULT '[]',
    created_at  INTEGER NOT NULL
);

CREATE TABLE webhooks (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    events      TEXT NOT NULL,
    secret      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);

CREATE TABLE webhook_outbox (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks(id),
    event_id        TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    failed_at       INTEGER,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE TABLE webhook_attempts (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER NOT NULL REFERENCES webhook_outbox(id),
    attempted_at INTEGER NOT NULL,
    status_code INTEGER,
    error       TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_by_outbox ON webhook_attempts(outbox_id, id);
)sql";

// Customers (lifetimes and snapshot churn flags), their attributes, and customer-journey events.
// conversations_by_update lets the metrics cache pick up conversations whose status changed.
constexpr std::string_view migration_3 = R"sql(
CREATE TABLE customers (
    id          TEXT PRIMARY KEY,
    active_from INTEGER,
    churned_at  INTEGER,
    churned     INTEGER CHECK (churned IN (0, 1)),
    updated_at  INTEGER NOT NULL
);
CREATE INDEX customers_by_start ON customers(active_from);

CREATE TABLE customer_attributes (
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (customer_id, name)
) WITHOUT ROWID;
CREATE INDEX customer_attributes_by_name ON customer_attributes(name, value);

CREATE TABLE journey_events (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL,
    stage       TEXT NOT NULL CHECK (stage IN ('awareness', 'consideration', 'decision', 'retention', 'advocacy')),
    touchpoint  TEXT NOT NULL DEFAULT '',
    occurred_at INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX journey_events_by_time ON journey_events(occurred_at);
CREATE INDEX conversations_by_update ON conversations(updated_at);
)sql";

// The admin password (one row, a salted scrypt hash) and admin sessions (cookie tokens stored hashed).
// key_id is the admin key used to sign in, 0 for the password.
constexpr std::string_view migration_4 = R"sql(
CREATE TABLE admin_password (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    password_hash TEXT NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE admin_sessions (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    key_id      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    ended_at    INTEGER
);
)sql";

// Change counters let in-memory caches skip a table that has not changed since their last read; the
// store bumps one in the transaction that writes its table. customers_by_update finds what changed.
constexpr std::string_view migration_5 = R"sql(
CREATE TABLE change_counters (
    name    TEXT PRIMARY KEY,
    version INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO change_counters (name, version) VALUES ('customers', 0);
CREATE INDEX customers_by_update ON customers(updated_at);
)sql";

}  // namespace

const std::vector<schema_migration>& schema_migrations()
{
    static const std::vector<schema_migration> all{
        {1, migration_1},
        {2, migration_2},
        {3, migration_3},
        {4, migration_4},
        {5, migration_5},
    };
    return all;
}

}  // namespace opinia::store
