// iso_time: milliseconds since the epoch as ISO 8601 UTC text ("2026-03-01T12:00:00Z").
#pragma once
#include <cstdint>
#include <string>

namespace opinia::server {

std::string iso_time(std::int64_t ms);

}  // namespace opinia::server
