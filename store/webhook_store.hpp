// webhook_store: webhook subscriptions, the outbox of events still to deliver, and the log of attempts.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "store/database.hpp"

namespace opinia::store {

struct webhook_record {
    std::int64_t id = 0;
    std::string url;
    std::vector<std::string> events;   // event types it receives, e.g. "response.completed"
    std::string secret;                // signs every delivery; kept readable to recompute the HMAC
    std::int64_t created_at_ms = 0;
};

// One event for one webhook, due for (another) delivery attempt.
struct webhook_delivery {
    std::int64_t outbox_id = 0;
    std::int64_t webhook_id = 0;
    std::string url;
    std::string secret;
    std::string event_id;
    std::string event_type;
    std::string body;
    int attempts = 0;   // made before this one
};

struct delivery_attempt {
    std::int64_t attempted_at_ms = 0;
    std::optional<int> status_code;   // none when no HTTP answer came (refused, timeout, TLS failure)
    std::string error;
    std::int64_t duration_ms = 0;
};

// What happens to an outbox entry after an attempt.
struct delivery_outcome {
    bool delivered = false;
    std::optional<std::int64_t> retry_at_ms;   // neither delivered nor retried: given up
};

struct delivery_log_entry {
    std::int64_t outbox_id = 0;
    std::string event_id;
    std::string event_type;
    std::int64_t created_at_ms = 0;
    int attempts = 0;
    std::optional<std::int64_t> next_attempt_at_ms;   // none once delivered or given up
    std::optional<std::int64_t> delivered_at_ms;
    std::optional<std::int64_t> failed_at_ms;
    std::vector<delivery_attempt> attempt_log;
};

class webhook_store {
public:
    explicit webhook_store(database& db);

    webhook_record create(const std::string& url, const std::vector<std::string>& events, std::int64_t now_ms);
    std::vector<webhook_record> list();
    std::optional<webhook_record> find(std::int64_t id);
    // Deleted webhooks get no further attempts; their log stays readable.
    bool remove(std::int64_t id, std::int64_t now_ms);

    // Entries whose next attempt is due at `now_ms`, oldest first.
    std::vector<webhook_delivery> due(std::int64_t now_ms, int limit);
    // When the earliest pending entry falls due, if any is pending.
    std::optional<std::int64_t> next_due_at();
    // Logs the attempt and moves the entry on, in one transaction.
    void record_attempt(std::int64_t outbox_id, const delivery_attempt& attempt, const delivery_outcome& outcome);

    // The newest entries of one webhook, each with its attempts, newest first.
    std::vector<delivery_log_entry> deliveries(std::int64_t webhook_id, int limit);

private:
    database& db_;
};

}  // namespace opinia::store
