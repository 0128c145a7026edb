// bucket_calendar: local days, ISO weeks and months from UTC instants through date/tz.h.
#include "metrics/bucket_calendar.hpp"
#include <stdexcept>

namespace opinia::metrics {

std::optional<bucket_size> parse_bucket_size(std::string_view text)
{
    if (text == "day") return bucket_size::day;
    if (text == "week") return bucket_size::week;
    if (text == "month") return bucket_size::month;
    return std::nullopt;
}

std::string to_string(bucket_size size)
{
    switch (size) {
    case bucket_size::day: return "day";
    case bucket_size::week: return "week";
    case bucket_size::month: return "month";
    }
    return "day";
}

namespace {
const date::time_zone* find_zone(const std::string& name)
{
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw std::runtime_error("unknown time zone '" + name + "'");
    }
}
}  // namespace

bucket_calendar::bucket_calendar(const std::string& zone_name, bucket_size size)
    : zone_(find_zone(zone_name)), zone_name_(zone_name), size_(size)
{
}

date::local_days bucket_calendar::bucket_of(std::int64_t utc_ms)
{
    const auto instant = date::floor<std::chrono::seconds>(
        date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{utc_ms}});
    if (!current_ || instant < current_->begin || instant >= current_->end)
        current_ = zone_->get_info(instant);
    const date::local_seconds local{instant.time_since_epoch() + current_->offset};
    return bucket_of_day(date::floor<date::days>(local));
}

date::local_days bucket_calendar::bucket_of_day(date::local_days day) const
{
    switch (size_) {
    case bucket_size::day:
        return day;
    case bucket_size::week:
        return day - (date::weekday{day} - date::Monday);
    case bucket_size::month: {
        const date::year_month_day ymd{day};
        return date::local_days{ymd.year() / ymd.month() / 1};
    }
    }
    return day;
}

date::local_days bucket_calendar::next(date::local_days bucket) const
{
    switch (size_) {
    case bucket_size::day:
        return bucket + date::days{1};
    case bucket_size::week:
        return bucket + date::days{7};
    case bucket_size::month: {
        const date::year_month_day ymd{bucket};
        return date::local_days{(ymd.year() / ymd.month() + date::months{1}) / 1};
    }
    }
    return bucket + date::days{1};
}

std::int64_t bucket_calendar::bucket_count(date::local_days first_day, date::local_days last_day) const
{
    const auto first = bucket_of_day(first_day);
    const auto last = bucket_of_day(last_day);
    if (last < first) return 0;
    switch (size_) {
    case bucket_size::day:
        return (last - first).count() + 1;
    case bucket_size::week:
        return (last - first).count() / 7 + 1;
    case bucket_size::month: {
        const date::year_month_day a{first}, b{last};
        return (int{b.year()} - int{a.year()}) * 12 + (static_cast<int>(unsigned{b.month()}) - static_cast<int>(unsigned{a.month()})) + 1;
    }
    }
    return 0;
}

date::local_days bucket_calendar::buckets_before(date::local_days day, std::int64_t count) const
{
    const auto bucket = bucket_of_day(day);
    switch (size_) {
    case bucket_size::day:
        return bucket - date::days{count};
    case bucket_size::week:
        return bucket - date::days{7 * count};
    case bucket_size::month: {
        const date::year_month_day ymd{bucket};
        return date::local_days{(ymd.year() / ymd.month() - date::months{count}) / 1};
    }
    }
    return bucket;
}

void bucket_calendar::check_span(date::local_days first_day, date::local_days last_day) const
{
    const auto count = bucket_count(first_day, last_day);
    if (count > max_buckets)
        throw too_many_buckets(date::format("%F", first_day) + " to " + date::format("%F", last_day) + " is " +
                               std::to_string(count) + " " + to_string(size_) + " buckets, over the " +
                               std::to_string(max_buckets) + " a series may hold: narrow the range or choose a longer bucket");
}

std::int64_t bucket_calendar::start_ms(date::local_days day) const
{
    const auto instant = zone_->to_sys(date::local_seconds{day.time_since_epoch()}, date::choose::earliest);
    return std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
}

}  // namespace opinia::metrics
