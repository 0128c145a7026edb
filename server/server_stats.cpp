// server_stats: counting, and the text exposition format.
#include "server/server_stats.hpp"
#include <sstream>

namespace opinia::server {

namespace {

// Label values escape backslash, quote and newline; kinds are our own words, but stay safe.
std::string label_value(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') { out += "\\n"; continue; }
        out += c;
    }
    return out;
}

}  // namespace

void server_stats::write_committed(double seconds, std::size_t answers)
{
    answers_stored_ += answers;
    ++commits_;
    commit_seconds_sum_ += seconds;
    for (std::size_t i = 0; i < latency_buckets.size(); ++i)
        if (seconds <= latency_buckets[i]) ++commit_buckets_[i];
}

std::uint64_t server_stats::errors(const std::string& kind) const
{
    auto it = errors_.find(kind);
    return it == errors_.end() ? 0 : it->second;
}

std::string server_stats::prometheus_text(const std::vector<gauge_reading>& gauges) const
{
    std::ostringstream out;
    out.precision(10);
    for (const auto& g : gauges) {
        out << "# HELP " << g.name << ' ' << g.help << "\n# TYPE " << g.name << " gauge\n"
            << g.name << ' ' << g.value << '\n';
    }
    out << "# HELP opinia_conversations_started_total Conversations started since the server started.\n"
        << "# TYPE opinia_conversations_started_total counter\n"
        << "opinia_conversations_started_total " << conversations_started_ << '\n';
    out << "# HELP opinia_answers_stored_total Answers committed and acknowledged since the server started.\n"
        << "# TYPE opinia_answers_stored_total counter\n"
        << "opinia_answers_stored_total " << answers_stored_ << '\n';
    out << "# HELP opinia_commit_latency_seconds Time from handing a write to the writer to its commit being seen.\n"
        << "# TYPE opinia_commit_latency_seconds histogram\n";
    for (std::size_t i = 0; i < latency_buckets.size(); ++i)
        out << "opinia_commit_latency_seconds_bucket{le=\"" << latency_buckets[i] << "\"} " << commit_buckets_[i] << '\n';
    out << "opinia_commit_latency_seconds_bucket{le=\"+Inf\"} " << commits_ << '\n'
        << "opinia_commit_latency_seconds_sum " << commit_seconds_sum_ << '\n'
        << "opinia_commit_latency_seconds_count " << commits_ << '\n';
    out << "# HELP opinia_errors_total Errors by kind: protocol error codes, close reasons, refused connections.\n"
        << "# TYPE opinia_errors_total counter\n";
    for (const auto& [kind, count] : errors_)
        out << "opinia_errors_total{kind=\"" << label_value(kind) << "\"} " << count << '\n';
    return out.str();
}

}  // namespace opinia::server
