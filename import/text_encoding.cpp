// text_encoding: UTF-8 validation and single-byte code page tables.
#include "import/text_encoding.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace opinia::import {

namespace {

// Code page 850, bytes 0x80-0xFF, as UTF-8.
constexpr std::array<const char*, 128> cp850_high{
    "\xc3\x87", "\xc3\xbc", "\xc3\xa9", "\xc3\xa2", "\xc3\xa4", "\xc3\xa0", "\xc3\xa5", "\xc3\xa7",
    "\xc3\xaa", "\xc3\xab", "\xc3\xa8", "\xc3\xaf", "\xc3\xae", "\xc3\xac", "\xc3\x84", "\xc3\x85",
    "\xc3\x89", "\xc3\xa6", "\xc3\x86", "\xc3\xb4", "\xc3\xb6", "\xc3\xb2", "\xc3\xbb", "\xc3\xb9",
    "\xc3\xbf", "\xc3\x96", "\xc3\x9c", "\xc3\xb8", "\xc2\xa3", "\xc3\x98", "\xc3\x97", "\xc6\x92",
    "\xc3\xa1", "\xc3\xad", "\xc3\xb3", "\xc3\xba", "\xc3\xb1", "\xc3\x91", "\xc2\xaa", "\xc2\xba",
    "\xc2\xbf", "\xc2\xae", "\xc2\xac", "\xc2\xbd", "\xc2\xbc", "\xc2\xa1", "\xc2\xab", "\xc2\xbb",
    "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x93", "\xe2\x94\x82", "\xe2\x94\xa4", "\xc3\x81", "\xc3\x82", "\xc3\x80",
    "\xc2\xa9", "\xe2\x95\xa3", "\xe2\x95\x91", "\xe2\x95\x97", "\xe2\x95\x9d", "\xc2\xa2", "\xc2\xa5", "\xe2\x94\x90",
    "\xe2\x94\x94", "\xe2\x94\xb4", "\xe2\x94\xac", "\xe2\x94\x9c", "\xe2\x94\x80", "\xe2\x94\xbc", "\xc3\xa3", "\xc3\x83",
    "\xe2\x95\x9a", "\xe2\x95\x94", "\xe2\x95\xa9", "\xe2\x95\xa6", "\xe2\x95\xa0", "\xe2\x95\x90", "\xe2\x95\xac", "\xc2\xa4",
    "\xc3\xb0", "\xc3\x90", "\xc3\x8a", "\xc3\x8b", "\xc3\x88", "\xc4\xb1", "\xc3\x8d", "\xc3\x8e",
    "\xc3\x8f", "\xe2\x94\x98", "\xe2\x94\x8c", "\xe2\x96\x88", "\xe2\x96\x84", "\xc2\xa6", "\xc3\x8c", "\xe2\x96\x80",
    "\xc3\x93", "\xc3\x9f", "\xc3\x94", "\xc3\x92", "\xc3\xb5", "\xc3\x95", "\xc2\xb5", "\xc3\xbe",
    "\xc3\x9e", "\xc3\x9a", "\xc3\x9b", "\xc3\x99", "\xc3\xbd", "\xc3\x9d", "\xc2\xaf", "\xc2\xb4",
    "\xc2\xad", "\xc2\xb1", "\xe2\x80\x97", "\xc2\xbe", "\xc2\xb6", "\xc2\xa7", "\xc3\xb7", "\xc2\xb8",
    "\xc2\xb0", "\xc2\xa8", "\xc2\xb7", "\xc2\xb9", "\xc2\xb3", "\xc2\xb2", "\xe2\x96\xa0", "\xc2\xa0",
};

// Windows-1252, bytes 0x80-0x9F, as UTF-8 (above 0x9F it equals Latin-1).
constexpr std::array<const char*, 32> cp1252_c1{
    "\xe2\x82\xac", "\xef\xbf\xbd", "\xe2\x80\x9a", "\xc6\x92", "\xe2\x80\x9e", "\xe2\x80\xa6", "\xe2\x80\xa0", "\xe2\x80\xa1",
    "\xcb\x86", "\xe2\x80\xb0", "\xc5\xa0", "\xe2\x80\xb9", "\xc5\x92", "\xef\xbf\xbd", "\xc5\xbd", "\xef\xbf\xbd",
    "\xef\xbf\xbd", "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x80\x94",
    "\xcb\x9c", "\xe2\x84\xa2", "\xc5\xa1", "\xe2\x80\xba", "\xc5\x93", "\xef\xbf\xbd", "\xc5\xbe", "\xc5\xb8",
};

constexpr const char* euro_sign = "\xe2\x82\xac";

bool is_c1(unsigned char b) { return b >= 0x80 && b <= 0x9F; }

void append_latin1(std::string& out, unsigned char b) {
    out += static_cast<char>(0xC0 | (b >> 6));
    out += static_cast<char>(0x80 | (b & 0x3F));
}

bool follows_digit(std::string_view bytes, std::size_t i) {
    if (i >= 1 && std::isdigit(static_cast<unsigned char>(bytes[i - 1]))) return true;
    return i >= 2 && bytes[i - 1] == ' ' && std::isdigit(static_cast<unsigned char>(bytes[i - 2]));
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

std::optional<text_encoding> parse_text_encoding(std::string_view name) {
    const auto n = lower_ascii(name);
    if (n == "utf-8" || n == "utf8") return text_encoding::utf8;
    if (n == "latin-1" || n == "latin1" || n == "iso-8859-1") return text_encoding::latin1;
    if (n == "windows-1252" || n == "cp1252") return text_encoding::windows1252;
    return std::nullopt;
}

bool is_valid_utf8(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* end = p + bytes.size();
    while (p < end) {
        const unsigned char b = *p;
        if (b < 0x80) {
            ++p;
            continue;
        }
        int extra;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
            if (b == 0xE0) lo = 0xA0;  // overlong
            if (b == 0xED) hi = 0x9F;  // surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
            if (b == 0xF0) lo = 0x90;  // overlong
            if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
        } else {
            return false;
        }
        if (end - p <= extra) return false;
        if (p[1] < lo || p[1] > hi) return false;
        for (int k = 2; k <= extra; ++k)
            if ((p[k] & 0xC0) != 0x80) return false;
        p += extra + 1;
    }
    return true;
}

std::string latin1_to_utf8(std::string_view bytes) {
    bool has_c1 = false, has_latin1_small = false;
    for (unsigned char b : bytes) {
        has_c1 |= is_c1(b);
        has_latin1_small |= b >= 0xE0;
    }
    const bool all_dos = has_c1 && !has_latin1_small;

    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0x80)
            out += static_cast<char>(b);
        else if (b == 0x80 && follows_digit(bytes, i))
            out += euro_sign;
        else if (all_dos)
            out += cp850_high[b - 0x80];
        else if (is_c1(b))
            out += cp850_high[b - 0x80];
        else
            append_latin1(out, b);
    }
    return out;
}

std::string windows1252_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80)
            out += c;
        else if (is_c1(b))
            out += cp1252_c1[b - 0x80];
        else
            append_latin1(out, b);
    }
    return out;
}

std::optional<std::string> to_utf8(std::string_view bytes, text_encoding encoding) {
    switch (encoding) {
    case text_encoding::utf8:
        if (!is_valid_utf8(bytes)) return std::nullopt;
        return std::string(bytes);
    case text_encoding::latin1:
        return latin1_to_utf8(bytes);
    case text_encoding::windows1252:
        return windows1252_to_utf8(bytes);
    }
    return std::nullopt;
}

}  // namespace opinia::import
