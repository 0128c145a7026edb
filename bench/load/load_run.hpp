// load_run: what all scripted connections of one run share — the schedule, latencies and counts.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace opinia::bench {

using bench_clock = std::chrono::steady_clock;
class chat_load_client;

struct load_run {
    std::string flow = "post_contact";
    bool open_loop = false;           // fixed arrival rate instead of back-to-back conversations
    bool measuring = false;           // latencies and completions count only inside the measured window
    bool stopping = false;
    std::vector<double> step_latency_ms;
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;         // errors, retries and dropped sockets
    std::uint64_t connected = 0;
    // Open loop: conversations due but not yet begun (no idle connection), and the idle connections.
    std::deque<bench_clock::time_point> backlog;
    std::vector<std::shared_ptr<chat_load_client>> idle;

    // A connection finished a conversation (or has just connected): give it the next one.
    void on_idle(const std::shared_ptr<chat_load_client>& client);
    // Open loop: a conversation is due at `scheduled`.
    void on_due(bench_clock::time_point scheduled);
};

}  // namespace opinia::bench
