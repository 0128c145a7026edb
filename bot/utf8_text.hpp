// utf8_text: the few UTF-8 operations the bot needs: validate, count and cut by code point, fold case.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace opinia::bot {

// One decoded code point and where it sits in the original bytes.
struct code_point {
    char32_t value = 0;
    std::size_t begin = 0;   // byte offset in the source
    std::size_t end = 0;     // one past its last byte
};

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool is_valid_utf8(std::string_view text);

// Decodes valid UTF-8; precondition: is_valid_utf8(text).
std::vector<code_point> decode_utf8(std::string_view text);

std::string encode_utf8(char32_t c);

// Code points, not bytes: "zażółć" is 6.
std::size_t count_code_points(std::string_view text);

// At most `max_code_points` code points of valid UTF-8 `text`; never cuts inside a character.
std::string truncate_code_points(std::string_view text, std::size_t max_code_points);

// Unicode simple case folding of a whole string (for matching labels and number words).
std::string fold_case(std::string_view text);

// Removes leading and trailing Unicode white space.
std::string_view trim_space(std::string_view text);

}  // namespace opinia::bot
