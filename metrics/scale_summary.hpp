// scale_summary: share of "good" answers (satisfied, easy) and the mean, per scale — the core of CSAT and CES.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>
#include "metrics/score_scale.hpp"
#include "store/answer_filter.hpp"

namespace opinia::metrics {

// One scale's answers: each answer is judged by the cut-off of the question it was asked with.
struct scale_result {
    score_scale scale;
    std::int64_t n = 0;
    std::int64_t good = 0;
    std::int64_t value_sum = 0;

    std::optional<double> percent() const;  // 100 × good ÷ n; nullopt when n = 0
    std::optional<double> mean() const;     // nullopt when n = 0
};

struct scale_summary {
    std::vector<scale_result> by_scale;  // one entry per scale, ordered by (min, max)

    std::int64_t n() const;
    std::int64_t good() const;
    // Pooled over scales: each answer was already judged on its own scale, so the share is meaningful.
    std::optional<double> percent() const;
    // Only when every answer shares one scale: a mean across scales means nothing.
    std::optional<double> mean() const;
    // The one scale, or nullopt when there is no answer or more than one scale.
    std::optional<score_scale> scale() const;
};

// Summarizes every count of `question_type`. An answer is good when value ≥ its question's good_from;
// a good_from not above the scale's minimum means "not recorded" and falls back to
// default_good_from(). Counts whose scale has no cut-off at all, and values outside their
// scale, are left out: nothing is judged by a cut-off nobody chose.
scale_summary summarize_scale(const std::vector<store::score_count>& counts, std::string_view question_type);

}  // namespace opinia::metrics
