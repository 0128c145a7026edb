// trend_series: filling the bucket range and summarizing each bucket.
#include "metrics/trend_series.hpp"

namespace opinia::metrics {

namespace {
std::int64_t key_of(date::local_days day) { return day.time_since_epoch().count(); }
date::local_days day_of(std::int64_t key) { return date::local_days{date::days{key}}; }

std::int64_t total(const std::vector<store::score_count>& counts)
{
    std::int64_t n = 0;
    for (const auto& c : counts) n += c.count;
    return n;
}
}  // namespace

std::vector<trend_point> build_trend(const bucket_counts& counts, const bucket_calendar& calendar,
                                     std::optional<date::local_days> first_day,
                                     std::optional<date::local_days> last_day)
{
    const bool first_asked = first_day.has_value();
    if (!first_day && !counts.empty()) first_day = day_of(counts.begin()->first);
    if (!last_day && !counts.empty()) last_day = day_of(counts.rbegin()->first);
    std::vector<trend_point> points;
    if (!first_day || !last_day) return points;
    // Without a start asked for, one answer dated long ago must not make the series unusable.
    if (!first_asked && calendar.bucket_count(*first_day, *last_day) > max_buckets)
        first_day = calendar.buckets_before(*last_day, max_buckets - 1);
    calendar.check_span(*first_day, *last_day);

    static const std::vector<store::score_count> none;
    const auto last = calendar.bucket_of_day(*last_day);
    for (auto b = calendar.bucket_of_day(*first_day); b <= last; b = calendar.next(b)) {
        const auto it = counts.find(key_of(b));
        const auto& c = it == counts.end() ? none : it->second;
        points.push_back(trend_point{b, total(c), summarize_scores(c)});
    }
    return points;
}

nlohmann::json trend_json(const std::vector<trend_point>& points, const bucket_calendar& calendar)
{
    auto list = nlohmann::json::array();
    for (const auto& p : points) {
        nlohmann::json point = p.scores;
        point["start"] = date::format("%F", p.start);
        point["n"] = p.n;
        list.push_back(std::move(point));
    }
    return {{"bucket", to_string(calendar.size())}, {"tz", calendar.zone_name()}, {"points", std::move(list)}};
}

}  // namespace opinia::metrics
