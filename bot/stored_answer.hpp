// stored_answer: one answer (or skipped step) as the engine hands it to the store.
#pragma once
#include <optional>
#include <string>

namespace opinia::bot {

struct stored_answer {
    std::string client_id;       // the client's answer id; empty for answers the engine derived itself
    std::string step;            // step id within the flow
    std::string question_type;   // "nps" | "csat" | "ces" | "text" | "choice"
    int scale_min = 0;           // for scales: the scale the question was asked with
    int scale_max = 0;
    int good_from = 0;           // satisfied / easy threshold (csat, ces); 9 for nps promoters
    std::optional<int> value;    // parsed score, for scale questions
    std::optional<std::string> text; // free text or choice value (valid UTF-8, within max length)
    std::string raw_text;        // exactly what the client sent
    std::string parse_method;    // how it was read: "quick_reply", "digits", "out_of", "words", …
    bool skipped = false;        // true when the step was given up after too many failed reads
};

}  // namespace opinia::bot
