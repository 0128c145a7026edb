// utf8_text: UTF-8 validation, code-point counting and cutting, case folding (ICU does the Unicode tables).
#include "bot/utf8_text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace opinia::bot {

namespace {

// ICU's U8_NEXT rejects overlongs, surrogates and truncated sequences by returning a negative code point.
bool next_code_point(std::string_view text, std::size_t& offset, char32_t& out) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    auto i = static_cast<int32_t>(offset);
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    offset = static_cast<std::size_t>(i);
    if (c < 0) return false;
    out = static_cast<char32_t>(c);
    return true;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    std::size_t offset = 0;
    char32_t c = 0;
    while (offset < text.size()) {
        if (!next_code_point(text, offset, c)) return false;
    }
    return true;
}

std::vector<code_point> decode_utf8(std::string_view text) {
    std::vector<code_point> out;
    std::size_t offset = 0;
    while (offset < text.size()) {
        code_point cp;
        cp.begin = offset;
        if (!next_code_point(text, offset, cp.value)) cp.value = 0xFFFD;
        cp.end = offset;
        out.push_back(cp);
    }
    return out;
}

std::string encode_utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char byte : text) {
        if ((byte & 0xC0) != 0x80) ++count;  // every code point has exactly one non-continuation byte
    }
    return count;
}

std::string truncate_code_points(std::string_view text, std::size_t max_code_points) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (seen == max_code_points) return std::string(text.substr(0, i));
            ++seen;
        }
    }
    return std::string(text);
}

std::string fold_case(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const auto& cp : decode_utf8(text)) {
        out += encode_utf8(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp.value), U_FOLD_CASE_DEFAULT)));
    }
    return out;
}

std::string_view trim_space(std::string_view text) {
    const auto cps = decode_utf8(text);
    std::size_t first = 0;
    std::size_t last = cps.size();
    while (first < last && u_isUWhiteSpace(static_cast<UChar32>(cps[first].value))) ++first;
    while (last > first && u_isUWhiteSpace(static_cast<UChar32>(cps[last - 1].value))) --last;
    if (first == last) return text.substr(0, 0);
    return text.substr(cps[first].begin, cps[last - 1].end - cps[first].begin);
}

}  // namespace opinia::bot
