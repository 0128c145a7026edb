// metrics_query: the read side used by every metric view (API, admin page and CLI alike).
#pragma once
#include <string>
#include <vector>
#include "store/answer_filter.hpp"
#include "store/database.hpp"

namespace opinia::store {

// Read-only; safe to use from any thread that owns its own `database`.
class metrics_query {
public:
    explicit metrics_query(database& db);

    // Counts per (question type, scale, value) of answers actually given: skipped steps are not answers.
    std::vector<score_count> score_counts(const answer_filter& filter);

    // Non-empty text answers, newest first, with the scores given in the same conversation; with a
    // `search`, only those containing it (ASCII letters in any case).
    std::vector<comment_row> comments(const answer_filter& filter, int limit, const std::string& search = "");

    database& db() { return db_; }

    // Flows that have answers, by name.
    std::vector<std::string> answered_flows();

private:
    database& db_;
};

}  // namespace opinia::store
