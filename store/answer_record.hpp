// answer_record: one stored answer row, as chat and import both write it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace opinia::store {

struct answer_record {
    std::string conversation_id;
    std::string client_id;       // the client's answer id (chat) or "row:<n>" (import)
    std::string step;
    std::string question_type;   // "nps" | "csat" | "ces" | "text" | "choice"
    int scale_min = 0;
    int scale_max = 0;
    int good_from = 0;           // satisfied / easy threshold of the question
    std::optional<int> value;
    std::optional<std::string> text;
    std::string raw_text;
    std::string parse_method;
    bool skipped = false;
    std::string flow;
    int flow_version = 0;
    std::string customer_id;
    std::int64_t created_at_ms = 0;
};

}  // namespace opinia::store
