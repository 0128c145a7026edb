// live_answer_query: answers stored after a given row id, for the admin page's live feed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "store/database.hpp"

namespace opinia::store {

struct new_answer {
    std::int64_t id = 0;
    std::string conversation_id;
    std::string flow;
    std::string step;
    std::string question_type;
    std::optional<int> value;   // none for comments and skipped steps
    bool skipped = false;
    std::int64_t created_at_ms = 0;
};

class live_answer_query {
public:
    explicit live_answer_query(database& db);

    // The highest answer id stored now (0 for none): a new subscriber starts after it.
    std::int64_t latest_id();
    // Up to `limit` answers with id > `after`, oldest first.
    std::vector<new_answer> after(std::int64_t after, int limit);

private:
    database& db_;
};

}  // namespace opinia::store
