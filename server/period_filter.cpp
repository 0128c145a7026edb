// period_filter: calendar days in a real time zone (date/tz.h, DST included) to UTC milliseconds.
#include "server/period_filter.hpp"
#include <sstream>
#include <date/tz.h>

namespace opinia::server {

namespace {

date::year_month_day parse_day(const std::string& field, const std::string& text)
{
    std::istringstream in(text);
    date::year_month_day day{};
    in >> date::parse("%F", day);
    if (in.fail() || in.peek() != std::char_traits<char>::eof() || !day.ok() || text.size() != 10)
        throw invalid_filter(field, "'" + field + "' must be a date written YYYY-MM-DD, got '" + text + "'");
    return day;
}

std::int64_t start_of_day_ms(const date::time_zone* zone, date::local_days day)
{
    // A day that starts inside a DST gap begins at the first instant that exists.
    const auto instant = zone->to_sys(date::local_seconds{day.time_since_epoch()}, date::choose::earliest);
    return std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
}

}  // namespace

store::answer_filter make_period_filter(const std::string& flow, const std::string& from, const std::string& to,
                                        const std::string& tz, const period_field_names& names)
{
    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(tz.empty() ? "UTC" : tz);
    } catch (const std::exception&) {
        throw invalid_filter("tz", "'tz' must be an IANA time zone such as Europe/Warsaw, got '" + tz + "'");
    }
    store::answer_filter filter;
    filter.flow = flow;
    if (!from.empty())
        filter.from_ms = start_of_day_ms(zone, date::local_days{parse_day(names.from, from)});
    if (!to.empty())
        filter.to_ms = start_of_day_ms(zone, date::local_days{parse_day(names.to, to)} + date::days{1});
    if (filter.from_ms && filter.to_ms && *filter.from_ms >= *filter.to_ms)
        throw invalid_filter(names.to, "'" + names.to + "' must not be before '" + names.from + "'");
    return filter;
}

}  // namespace opinia::server
