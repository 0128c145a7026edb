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

}  // namespace opinia::import
