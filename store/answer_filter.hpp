// answer_filter: which answers a metric or listing looks at. Empty fields mean "any".
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace opinia::store {

struct answer_filter {
    std::string flow;
    std::optional<std::int64_t> from_ms;  // inclusive
    std::optional<std::int64_t> to_ms;    // exclusive
};

// How many answers carried each value, per question type and scale: the input of every score.
struct score_count {
    std::string question_type;
    int scale_min = 0;
    int scale_max = 0;
    int good_from = 0;
    int value = 0;
    std::int64_t count = 0;
};

// A "why" comment with the scores given in the same conversation.
struct comment_row {
    std::string conversation_id;
    std::string flow;
    std::string step;
    std::string text;
    std::optional<int> nps;
    std::optional<int> csat;
    std::optional<int> ces;
    std::int64_t created_at_ms = 0;
};

}  // namespace opinia::store
