// webhook_sender: POSTs one signed event to its webhook's URL (HTTP or HTTPS) and reports what came back.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include "store/webhook_store.hpp"

namespace opinia::server {

// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the webhook's secret>": the timestamp is
// signed with the body, so a receiver can refuse an old delivery replayed to it.
std::string webhook_signature(const std::string& secret, std::int64_t unix_seconds, const std::string& body);

// Blocking: meant for the webhook dispatcher's own thread. Never throws for network faults.
class webhook_sender {
public:
    explicit webhook_sender(std::chrono::milliseconds timeout);

    // One attempt; a 2xx status is a delivery, anything else (or no answer) a failure named in `error`.
    store::delivery_attempt send(const store::webhook_delivery& delivery, std::int64_t now_ms);

    // From any thread: the attempt in progress, and every later one, fails at once as "aborted".
    void abort();

private:
    boost::asio::io_context ioc_;
    boost::asio::ssl::context tls_;
    std::chrono::milliseconds timeout_;
    std::atomic<bool> aborted_{false};
};

}  // namespace opinia::server
