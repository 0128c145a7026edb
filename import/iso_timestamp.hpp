// iso_timestamp: reads an ISO 8601 date or date-time cell into milliseconds since the Unix epoch.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace opinia::import {

// Accepts "2026-03-01", "2026-03-01T23:30", "2026-03-01T23:30:00", "2026-03-01 23:30:00.250",
// each optionally followed by "Z", "+01:00", "+0100" or "-05". A date alone, or a time without
// an offset, is taken as UTC. Invalid calendar dates (2026-02-30) and anything else: nullopt.
std::optional<std::int64_t> parse_iso_timestamp_ms(std::string_view text);

// Answers and journey events happen before they are recorded. One dated more than a day after
// `recorded_ms` (a day covers any time zone) is a data error, such as a wrong year, and would
// otherwise stretch every default trend to its date.
inline bool is_after_recording(std::int64_t at_ms, std::int64_t recorded_ms)
{
    return at_ms > recorded_ms + 24 * 3600 * 1000;
}

}  // namespace opinia::import
