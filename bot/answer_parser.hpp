// answer_parser: reads what a customer typed (or tapped) into a score, a choice or a comment — or says why not.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "bot/flow.hpp"

namespace opinia::bot {

// The outcome of reading one answer. Never a default: when `ok` is false nothing may be stored.
struct answer_reading {
    bool ok = false;
    std::optional<int> value;         // the score (scale steps)
    std::optional<std::string> text;  // the comment (text steps) or the chosen option's value (choice steps)
    std::string remainder;            // words typed after a score: "10 - great support" -> "great support"
    std::string method;               // how it was read: "digits", "digits_out_of", "words", "words_out_of",
                                      // "unicode_digits", "unicode_digits_out_of", "quick_reply", "choice_number",
                                      // "choice_label", "choice_value", "text", "truncated", "empty"
    std::string problem;              // when !ok: "empty", "not_a_number", "fractional", "negative",
                                      // "out_of_range", "ambiguous", "wrong_scale", "invalid_utf8",
                                      // "no_such_option", "required"
    bool skipped = false;             // an optional text step left empty
};

class answer_parser {
public:
    // A typed score on the scale min..max, in English or Polish: "9", " 9 ", "9/10", "8 out of 10",
    // "8 na 10", "osiem", "dziewięć na dziesięć", "９", "10 - great support" (remainder kept).
    static answer_reading read_scale(std::string_view text, int min, int max);
    // A quick-reply value: a JSON integer, or a string of digits, inside min..max.
    static answer_reading read_scale_value(const nlohmann::json& value, int min, int max);

    // A typed choice: its number (1-based), its label in any locale (case-insensitive) or its value.
    static answer_reading read_choice(std::string_view text, const std::vector<choice_option>& options);
    // A quick-reply choice: exactly an option's value.
    static answer_reading read_choice_value(const nlohmann::json& value, const std::vector<choice_option>& options);

    // A comment: valid UTF-8, surrounding white space removed, cut to `max_length` code points
    // (method "truncated") rather than refused. Empty is a skip when `optional`, else problem "required".
    static answer_reading read_text(std::string_view text, int max_length, bool optional);
};

}  // namespace opinia::bot
