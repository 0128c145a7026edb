// bucket_calendar: which day, ISO week or month an instant falls in, in an IANA time zone (DST included).
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <date/tz.h>

namespace opinia::metrics {

enum class bucket_size { day, week, month };

// The most buckets one series may hold: 13 years of days, 95 of weeks, 416 of months. A wider range is
// refused, since it would be mostly empty buckets and could fill the server's memory.
inline constexpr std::int64_t max_buckets = 5000;

class too_many_buckets : public std::length_error {
public:
    using std::length_error::length_error;
};

// "day", "week" or "month"; nullopt otherwise.
std::optional<bucket_size> parse_bucket_size(std::string_view text);
std::string to_string(bucket_size size);

// Buckets are named by their first local day. Weeks start on Monday (ISO 8601), so
// 2025-12-29 … 2026-01-04 is one bucket and never splits at New Year.
class bucket_calendar {
public:
    // Throws std::runtime_error when `zone_name` is not in the tz database.
    bucket_calendar(const std::string& zone_name, bucket_size size);

    // The bucket holding an instant. Remembers the zone's current offset interval, so a scan
    // in time order asks the tz database once per DST change, not once per answer.
    date::local_days bucket_of(std::int64_t utc_ms);
    // The bucket holding a local day, and the bucket after a bucket.
    date::local_days bucket_of_day(date::local_days day) const;
    date::local_days next(date::local_days bucket) const;
    // How many buckets run from the one holding `first_day` to the one holding `last_day`, both included.
    std::int64_t bucket_count(date::local_days first_day, date::local_days last_day) const;
    // The bucket `count` buckets before the one holding `day`.
    date::local_days buckets_before(date::local_days day, std::int64_t count) const;
    // Throws too_many_buckets, saying what to change, when that count is over max_buckets.
    void check_span(date::local_days first_day, date::local_days last_day) const;
    // UTC milliseconds of a local day's first instant (a day starting in a DST gap starts at its first real instant).
    std::int64_t start_ms(date::local_days day) const;

    bucket_size size() const { return size_; }
    const std::string& zone_name() const { return zone_name_; }

private:
    const date::time_zone* zone_;
    std::string zone_name_;
    bucket_size size_;
    std::optional<date::sys_info> current_;
};

}  // namespace opinia::metrics
