// server_stats: the server's counters and commit latency histogram, rendered as Prometheus text for /metrics.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace opinia::server {

// A value read at scrape time (open sockets, live conversations), given by whoever owns it.
struct gauge_reading {
    std::string name;
    std::string help;
    double value = 0;
};

// Touched from the io thread only (commit completions are posted back to it before they are counted).
class server_stats {
public:
    void conversation_started() { ++conversations_started_; }
    // One group-commit round trip of a conversation's write, from submit to the io thread seeing it done.
    void write_committed(double seconds, std::size_t answers);
    // A protocol error sent, a socket closed for a fault, an HTTP error status: `kind` names it.
    void error(const std::string& kind) { ++errors_[kind]; }

    std::uint64_t answers_stored() const { return answers_stored_; }
    std::uint64_t errors(const std::string& kind) const;

    // Prometheus text exposition format 0.0.4.
    std::string prometheus_text(const std::vector<gauge_reading>& gauges) const;

    static constexpr std::array<double, 11> latency_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                            0.05,   0.1,   0.25,   0.5,   1.0};

private:
    std::uint64_t conversations_started_ = 0;
    std::uint64_t answers_stored_ = 0;
    std::uint64_t commits_ = 0;
    double commit_seconds_sum_ = 0;
    std::array<std::uint64_t, latency_buckets.size()> commit_buckets_{};
    std::map<std::string, std::uint64_t> errors_;
};

}  // namespace opinia::server
