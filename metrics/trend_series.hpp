// trend_series: scores per day, ISO week or month in a time zone, every bucket in the range listed.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <vector>
#include <nlohmann/json.hpp>
#include "metrics/bucket_calendar.hpp"
#include "metrics/score_summary.hpp"

namespace opinia::metrics {

// Counts per bucket, keyed by the bucket's first local day (days since 1970-01-01).
using bucket_counts = std::map<std::int64_t, std::vector<store::score_count>>;

struct trend_point {
    date::local_days start;
    std::int64_t n = 0;      // score answers in the bucket, all types
    score_summary scores;    // each score null when its n is 0
};

// Every bucket from the one holding `first_day` to the one holding `last_day`, in order; buckets
// without answers are kept (n = 0, scores null) so a gap shows as "no data", never as 0.
// Without a range, the buckets between the first and last ones that have answers, at most the
// last max_buckets of them. Throws too_many_buckets when a range asked for is wider.
std::vector<trend_point> build_trend(const bucket_counts& counts, const bucket_calendar& calendar,
                                     std::optional<date::local_days> first_day,
                                     std::optional<date::local_days> last_day);

// {"bucket","tz","points":[{"start":"YYYY-MM-DD","n", "nps","csat","ces"}]}
nlohmann::json trend_json(const std::vector<trend_point>& points, const bucket_calendar& calendar);

}  // namespace opinia::metrics
