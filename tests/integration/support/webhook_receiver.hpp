// webhook_receiver: a small HTTP server on 127.0.0.1 that records every request and answers with the
// status a test chooses, standing in for a customer's webhook endpoint.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace opinia::testing {

struct received_request {
    std::string target;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    int answered = 0;   // the status it got
};

class webhook_receiver {
public:
    // `status_for(n)` picks the status of the n-th request (0-based).
    explicit webhook_receiver(std::function<int(int)> status_for = [](int) { return 200; });
    ~webhook_receiver();

    std::string url(const std::string& path = "/hook") const;
    std::vector<received_request> requests() const;
    // Waits until `done(requests)` holds; false on timeout.
    bool wait_for(const std::function<bool(const std::vector<received_request>&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace opinia::testing
