// answer_filter: which answers a metric or listing looks at. Empty fields mean "any".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opinia::store {

struct answer_filter {
    std::string flow;
    std::optional<std::int64_t> from_ms;  // inclusive
    std::optional<std::int64_t> to_ms;    // exclusive
    // One segment only, e.g. agent = "anna" or attribute:Contract = "Two year"; empty dimension: all.
    std::string segment_dimension;        // flow | channel | agent | touchpoint | stage | locale | attribute:NAME
    std::string segment_value;
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

// A "why" comment as the themes read it, without copying its text out of the answer cache.
struct comment_ref {
    std::int64_t answer_id = -1;  // −1: not a stored answer
    std::string_view text;
    std::optional<int> nps;       // the latest NPS answer in the same conversation
};

// One score answer as it was asked: its type, scale and cut-off travel with it.
struct scored_answer {
    std::string question_type;  // "nps" | "csat" | "ces"
    int scale_min = 0;
    int scale_max = 0;
    int good_from = 0;          // 0 when not recorded: the type's default cut-off applies
    int value = 0;
    std::int64_t at_ms = 0;
    std::int64_t conversation_rowid = 0;
    std::string conversation;   // filled only for the answers that are shown
};

// A customer's latest answer of each score type in a window.
struct customer_latest {
    std::string customer;
    std::optional<scored_answer> nps, csat, ces;
};

}  // namespace opinia::store
