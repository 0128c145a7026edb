// webhook_dispatcher: one attempt at a time; the outbox in SQLite is the queue, so nothing is held only in memory.
#include "server/webhook_dispatcher.hpp"
#include <algorithm>
#include <stdexcept>
#include "server/server_log.hpp"
#include "store/webhook_store.hpp"

namespace opinia::server {

namespace {
constexpr int batch_size = 16;
}

void read_webhook_settings(const nlohmann::json& config, webhook_settings& settings)
{
    if (!config.is_object()) throw std::runtime_error("webhooks must be an object");
    for (const auto& [key, value] : config.items()) {
        if (!value.is_number_integer() || value.get<std::int64_t>() < 1)
            throw std::runtime_error("webhooks." + key + " must be a whole number above 0");
        if (key == "timeout_ms") settings.timeout = std::chrono::milliseconds(value.get<std::int64_t>());
        else if (key == "retry_base_ms") settings.retry_base_ms = value.get<std::int64_t>();
        else if (key == "retry_max_ms") settings.retry_max_ms = value.get<std::int64_t>();
        else if (key == "max_attempts") settings.max_attempts = value.get<int>();
        else if (key == "idle_poll_ms") settings.idle_poll_ms = value.get<std::int64_t>();
        else throw std::runtime_error("unknown setting 'webhooks." + key + "'");
    }
}

std::optional<std::int64_t> webhook_retry_at(int attempts_made, std::int64_t now_ms, const webhook_settings& settings)
{
    if (attempts_made >= settings.max_attempts) return std::nullopt;
    auto delay = settings.retry_base_ms;
    for (int i = 1; i < attempts_made && delay < settings.retry_max_ms; ++i) delay *= 2;
    return now_ms + std::min(delay, settings.retry_max_ms);
}

webhook_dispatcher::webhook_dispatcher(store::database_settings db, webhook_settings settings,
                                       std::function<std::int64_t()> now_ms)
    : db_settings_(std::move(db)), settings_(settings), now_ms_(std::move(now_ms)),
      sender_(settings.timeout), thread_([this] { run(); })
{
}

webhook_dispatcher::~webhook_dispatcher()
{
    stop();
}

void webhook_dispatcher::wake()
{
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_one();
}

void webhook_dispatcher::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    sender_.abort();
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void webhook_dispatcher::run()
{
    try {
        store::database db(db_settings_);
        store::webhook_store outbox(db);
        for (;;) {
            const auto due = outbox.due(now_ms_(), batch_size);
            for (const auto& delivery : due) {
                if (std::lock_guard lock(mutex_); stopping_) break;
                const auto attempt = sender_.send(delivery, now_ms_());
                store::delivery_outcome outcome;
                outcome.delivered = attempt.error.empty();
                if (!outcome.delivered) outcome.retry_at_ms = webhook_retry_at(delivery.attempts + 1, now_ms_(), settings_);
                outbox.record_attempt(delivery.outbox_id, attempt, outcome);
                log_event(outcome.delivered ? "info" : "warning", "webhook_attempt",
                          {{"webhook", delivery.webhook_id}, {"event", delivery.event_id},
                           {"attempt", delivery.attempts + 1}, {"error", attempt.error},
                           {"status", attempt.status_code ? nlohmann::json(*attempt.status_code) : nlohmann::json()},
                           {"gave_up", !outcome.delivered && !outcome.retry_at_ms}});
            }
            std::unique_lock lock(mutex_);
            if (stopping_) break;
            if (due.size() == static_cast<std::size_t>(batch_size)) continue;  // more may be due already
            auto wait_ms = settings_.idle_poll_ms;
            lock.unlock();
            if (const auto next = outbox.next_due_at()) wait_ms = std::clamp<std::int64_t>(*next - now_ms_(), 0, wait_ms);
            lock.lock();
            wake_.wait_for(lock, std::chrono::milliseconds(wait_ms), [this] { return stopping_ || woken_; });
            woken_ = false;
            if (stopping_) break;
        }
    } catch (const std::exception& e) {
        // The outbox keeps every event; the next start delivers them.
        log_event("error", "webhook_dispatcher_stopped", {{"error", e.what()}});
    }
}

}  // namespace opinia::server
