// untrusted_json: parses JSON that a client sent, refusing documents nested too deeply.
#pragma once
#include <string_view>
#include <nlohmann/json.hpp>

namespace opinia::bot {

// Deeper than any message or request body Opinia reads (they nest three or four levels).
constexpr int max_json_depth = 32;

// The parsed value, or a discarded value (is_discarded()) when `text` is not JSON or nests objects and
// arrays more than `max_depth` levels. Copying or comparing a JSON value recurses once per level, so a
// body of 100,000 brackets would overflow the stack of whoever touched it after parsing; the parser
// itself is iterative and builds nothing below the limit.
nlohmann::json parse_untrusted_json(std::string_view text, int max_depth = max_json_depth);

}  // namespace opinia::bot
