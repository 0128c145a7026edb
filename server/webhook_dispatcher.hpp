// webhook_dispatcher: delivers the webhook outbox on its own thread — due entries first, failures retried
// with exponential backoff, everything recorded, so deliveries go on after a restart.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <nlohmann/json.hpp>
#include "server/webhook_sender.hpp"
#include "store/database.hpp"

namespace opinia::server {

struct webhook_settings {
    std::chrono::milliseconds timeout{5000};   // one attempt: connect, TLS, request and response headers
    std::int64_t retry_base_ms = 10'000;       // the first retry waits this long, each further one twice as long
    std::int64_t retry_max_ms = 3'600'000;     // … up to this
    int max_attempts = 12;                     // then the entry is given up (about a day and a half in all)
    std::int64_t idle_poll_ms = 5'000;         // a look at the outbox even without a wake-up
};

// Reads the `webhooks` object of the config file (timeout_ms, retry_base_ms, retry_max_ms, max_attempts,
// idle_poll_ms); only keys present change. Throws naming an unknown key or a wrong type.
void read_webhook_settings(const nlohmann::json& config, webhook_settings& settings);

// When to try again after `attempts_made` failed attempts, or nothing once they are used up. Pure.
std::optional<std::int64_t> webhook_retry_at(int attempts_made, std::int64_t now_ms, const webhook_settings& settings);

class webhook_dispatcher {
public:
    webhook_dispatcher(store::database_settings db, webhook_settings settings, std::function<std::int64_t()> now_ms);
    ~webhook_dispatcher();
    webhook_dispatcher(const webhook_dispatcher&) = delete;
    webhook_dispatcher& operator=(const webhook_dispatcher&) = delete;

    // New events were committed to the outbox: look now rather than at the next poll.
    void wake();
    // Ends the attempt in progress (it is logged as failed and retried after a restart), then the thread.
    void stop();

private:
    void run();

    store::database_settings db_settings_;
    webhook_settings settings_;
    std::function<std::int64_t()> now_ms_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;
    bool stopping_ = false;
    webhook_sender sender_;   // used by the thread alone, but for abort() from stop()
    std::thread thread_;
};

}  // namespace opinia::server
