// iso_timestamp: a strict, allocation-free ISO 8601 reader built on the date library's calendar.
#include "import/iso_timestamp.hpp"

#include <charconv>
#include <chrono>
#include <date/date.h>

namespace opinia::import {

namespace {

// Reads exactly `digits` decimal digits at `pos`.
bool read_fixed(std::string_view s, std::size_t& pos, int digits, int& out) {
    if (pos + digits > s.size()) return false;
    for (int k = 0; k < digits; ++k)
        if (s[pos + k] < '0' || s[pos + k] > '9') return false;
    std::from_chars(s.data() + pos, s.data() + pos + digits, out);
    pos += digits;
    return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

}  // namespace

std::optional<std::int64_t> parse_iso_timestamp_ms(std::string_view s) {
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0;
    if (!read_fixed(s, pos, 4, y) || !expect(s, pos, '-') || !read_fixed(s, pos, 2, mo) ||
        !expect(s, pos, '-') || !read_fixed(s, pos, 2, d))
        return std::nullopt;
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;

    std::int64_t ms_of_day = 0;
    std::int64_t offset_minutes = 0;
    if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
        ++pos;
        int h = 0, mi = 0, sec = 0, frac_ms = 0;
        if (!read_fixed(s, pos, 2, h) || !expect(s, pos, ':') || !read_fixed(s, pos, 2, mi)) return std::nullopt;
        if (expect(s, pos, ':')) {
            if (!read_fixed(s, pos, 2, sec)) return std::nullopt;
            if (expect(s, pos, '.') || expect(s, pos, ',')) {
                // Keep milliseconds; finer digits are read and dropped.
                int scale = 100, digits = 0;
                while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                    frac_ms += (s[pos] - '0') * scale;
                    scale /= 10;
                    ++pos;
                    ++digits;
                }
                if (digits == 0) return std::nullopt;
            }
        }
        if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
        ms_of_day = ((h * 60LL + mi) * 60LL + sec) * 1000LL + frac_ms;

        if (pos < s.size()) {
            if (s[pos] == 'Z' || s[pos] == 'z') {
                ++pos;
            } else if (s[pos] == '+' || s[pos] == '-') {
                const int sign = s[pos] == '-' ? -1 : 1;
                ++pos;
                int oh = 0, om = 0;
                if (!read_fixed(s, pos, 2, oh)) return std::nullopt;
                if (expect(s, pos, ':')) {
                    if (!read_fixed(s, pos, 2, om)) return std::nullopt;
                } else if (pos < s.size()) {
                    if (!read_fixed(s, pos, 2, om)) return std::nullopt;
                }
                if (oh > 23 || om > 59) return std::nullopt;
                offset_minutes = sign * (oh * 60 + om);
            } else {
                return std::nullopt;
            }
        }
    }
    if (pos != s.size()) return std::nullopt;

    const auto days = date::sys_days{ymd}.time_since_epoch().count();
    return static_cast<std::int64_t>(days) * 86'400'000LL + ms_of_day - offset_minutes * 60'000LL;
}

}  // namespace opinia::import
