// webhook_store: SQL for webhooks, their outbox and delivery attempts. Event lists are JSON arrays.
#include "store/webhook_store.hpp"
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>
#include "store/secret_token.hpp"

namespace opinia::store {

namespace {

constexpr const char* webhook_select = "SELECT id, url, events, secret, created_at FROM webhooks";

webhook_record read_webhook(SQLite::Statement& q)
{
    webhook_record w;
    w.id = q.getColumn(0).getInt64();
    w.url = q.getColumn(1).getString();
    auto events = nlohmann::json::parse(q.getColumn(2).getString(), nullptr, false);
    if (events.is_array())
        for (const auto& e : events)
            if (e.is_string()) w.events.push_back(e.get<std::string>());
    w.secret = q.getColumn(3).getString();
    w.created_at_ms = q.getColumn(4).getInt64();
    return w;
}

std::optional<std::int64_t> optional_int64(const SQLite::Column& c)
{
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

}  // namespace

webhook_store::webhook_store(database& db) : db_(db) {}

webhook_record webhook_store::create(const std::string& url, const std::vector<std::string>& events, std::int64_t now_ms)
{
    webhook_record w;
    w.url = url;
    w.events = events;
    w.secret = make_secret_token("whsec_", 32);
    w.created_at_ms = now_ms;
    SQLite::Statement q(db_.connection(), "INSERT INTO webhooks (url, events, secret, created_at) VALUES (?,?,?,?)");
    q.bind(1, url);
    q.bind(2, nlohmann::json(events).dump());
    q.bind(3, w.secret);
    q.bind(4, static_cast<std::int64_t>(now_ms));
    q.exec();
    w.id = db_.connection().getLastInsertRowid();
    return w;
}

std::vector<webhook_record> webhook_store::list()
{
    SQLite::Statement q(db_.connection(), std::string(webhook_select) + " WHERE deleted_at IS NULL ORDER BY id");
    std::vector<webhook_record> out;
    while (q.executeStep()) out.push_back(read_webhook(q));
    return out;
}

std::optional<webhook_record> webhook_store::find(std::int64_t id)
{
    SQLite::Statement q(db_.connection(), std::string(webhook_select) + " WHERE id = ? AND deleted_at IS NULL");
    q.bind(1, static_cast<std::int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return read_webhook(q);
}

bool webhook_store::remove(std::int64_t id, std::int64_t now_ms)
{
    SQLite::Statement q(db_.connection(), "UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL");
    q.bind(1, static_cast<std::int64_t>(now_ms));
    q.bind(2, static_cast<std::int64_t>(id));
    return q.exec() == 1;
}

std::vector<webhook_delivery> webhook_store::due(std::int64_t now_ms, int limit)
{
    SQLite::Statement q(db_.connection(),
        "SELECT o.id, o.webhook_id, w.url, w.secret, o.event_id, o.event_type, o.body, o.attempts "
        "FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id "
        "WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= ? AND w.deleted_at IS NULL "
        "ORDER BY o.next_attempt_at, o.id LIMIT ?");
    q.bind(1, static_cast<std::int64_t>(now_ms));
    q.bind(2, limit);
    std::vector<webhook_delivery> out;
    while (q.executeStep()) {
        webhook_delivery d;
        d.outbox_id = q.getColumn(0).getInt64();
        d.webhook_id = q.getColumn(1).getInt64();
        d.url = q.getColumn(2).getString();
        d.secret = q.getColumn(3).getString();
        d.event_id = q.getColumn(4).getString();
        d.event_type = q.getColumn(5).getString();
        d.body = q.getColumn(6).getString();
        d.attempts = q.getColumn(7).getInt();
        out.push_back(std::move(d));
    }
    return out;
}

std::optional<std::int64_t> webhook_store::next_due_at()
{
    SQLite::Statement q(db_.connection(),
        "SELECT MIN(o.next_attempt_at) FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id "
        "WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND w.deleted_at IS NULL");
    if (!q.executeStep()) return std::nullopt;
    return optional_int64(q.getColumn(0));
}

void webhook_store::record_attempt(std::int64_t outbox_id, const delivery_attempt& attempt,
                                   const delivery_outcome& outcome)
{
    SQLite::Transaction transaction(db_.connection());
    SQLite::Statement log(db_.connection(),
        "INSERT INTO webhook_attempts (outbox_id, attempted_at, status_code, error, duration_ms) VALUES (?,?,?,?,?)");
    log.bind(1, static_cast<std::int64_t>(outbox_id));
    log.bind(2, static_cast<std::int64_t>(attempt.attempted_at_ms));
    if (attempt.status_code) log.bind(3, *attempt.status_code); else log.bind(3);
    log.bind(4, attempt.error);
    log.bind(5, static_cast<std::int64_t>(attempt.duration_ms));
    log.exec();

    SQLite::Statement next(db_.connection(),
        "UPDATE webhook_outbox SET attempts = attempts + 1, "
        "delivered_at = CASE WHEN ?1 THEN ?2 END, "
        "failed_at = CASE WHEN NOT ?1 AND ?3 IS NULL THEN ?2 END, "
        "next_attempt_at = COALESCE(?3, next_attempt_at) WHERE id = ?4");
    next.bind(1, outcome.delivered ? 1 : 0);
    next.bind(2, static_cast<std::int64_t>(attempt.attempted_at_ms));
    if (outcome.retry_at_ms && !outcome.delivered) next.bind(3, static_cast<std::int64_t>(*outcome.retry_at_ms));
    else next.bind(3);
    next.bind(4, static_cast<std::int64_t>(outbox_id));
    next.exec();
    transaction.commit();
}

std::vector<delivery_log_entry> webhook_store::deliveries(std::int64_t webhook_id, int limit)
{
    SQLite::Statement q(db_.connection(),
        "SELECT id, event_id, event_type, created_at, attempts, next_attempt_at, delivered_at, failed_at "
        "FROM webhook_outbox WHERE webhook_id = ? ORDER BY id DESC LIMIT ?");
    q.bind(1, static_cast<std::int64_t>(webhook_id));
    q.bind(2, limit);
    std::vector<delivery_log_entry> out;
    while (q.executeStep()) {
        delivery_log_entry e;
        e.outbox_id = q.getColumn(0).getInt64();
        e.event_id = q.getColumn(1).getString();
        e.event_type = q.getColumn(2).getString();
        e.created_at_ms = q.getColumn(3).getInt64();
        e.attempts = q.getColumn(4).getInt();
        e.delivered_at_ms = optional_int64(q.getColumn(6));
        e.failed_at_ms = optional_int64(q.getColumn(7));
        if (!e.delivered_at_ms && !e.failed_at_ms) e.next_attempt_at_ms = q.getColumn(5).getInt64();
        out.push_back(std::move(e));
    }
    SQLite::Statement attempts(db_.connection(),
        "SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempts WHERE outbox_id = ? ORDER BY id");
    for (auto& e : out) {
        attempts.reset();
        attempts.bind(1, static_cast<std::int64_t>(e.outbox_id));
        while (attempts.executeStep()) {
            delivery_attempt a;
            a.attempted_at_ms = attempts.getColumn(0).getInt64();
            if (!attempts.getColumn(1).isNull()) a.status_code = attempts.getColumn(1).getInt();
            a.error = attempts.getColumn(2).getString();
            a.duration_ms = attempts.getColumn(3).getInt64();
            e.attempt_log.push_back(std::move(a));
        }
    }
    return out;
}

}  // namespace opinia::store
