// response_listing: answers and conversations for the API and exports — filtered, newest first, by cursor.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "store/answer_filter.hpp"
#include "store/answer_record.hpp"
#include "store/conversation_record.hpp"
#include "store/database.hpp"

namespace opinia::store {

// Conversations with an answer of `question_type` whose value lies in [min, max], e.g. NPS detractors: nps 0–6.
struct score_range {
    std::string question_type;
    int min = 0;
    int max = 0;
};

struct response_filter {
    answer_filter period;         // flow and [from, to) on the answer's (or conversation's) time
    std::string agent;
    std::string channel;
    std::string customer_id;
    std::optional<score_range> score;
    std::int64_t before = 0;      // cursor: only rows older than this row number (0: from the newest)
    int limit = 50;
};

// One answer with the conversation it belongs to.
struct answer_row {
    std::int64_t id = 0;          // the answer's row number, also the cursor
    answer_record answer;
    conversation_record conversation;   // without state_json and token_hash
};

// One conversation with the scores and first comment given in it.
struct conversation_row {
    std::int64_t cursor = 0;
    conversation_record conversation;   // without state_json and token_hash
    std::optional<int> nps;
    std::optional<int> csat;
    std::optional<int> ces;
    std::optional<std::string> comment;
    int answers = 0;
};

class response_listing {
public:
    explicit response_listing(database& db);

    std::vector<answer_row> answers(const response_filter& filter);
    std::vector<conversation_row> conversations(const response_filter& filter);

private:
    database& db_;
};

}  // namespace opinia::store
