// period_comparison: two periods' scores side by side, each difference flagged significant (95 %) or not.
#pragma once
#include <cstdint>
#include <optional>
#include <nlohmann/json.hpp>
#include "metrics/nps_comparison.hpp"
#include "metrics/score_summary.hpp"

namespace opinia::metrics {

// A difference of two shares (CSAT % satisfied, CES % easy), tested like two proportions:
// significant when |p₂ − p₁| > 1.96 × √(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂), in percentage points.
struct share_comparison {
    std::optional<double> difference;  // second − first, points; nullopt when either n = 0
    std::optional<double> threshold;
    bool significant = false;
};

share_comparison compare_shares(std::int64_t good1, std::int64_t n1, std::int64_t good2, std::int64_t n2);

struct period_comparison {
    score_summary first, second;
    nps_comparison nps;
    share_comparison csat, ces;
};

period_comparison compare_periods(const score_summary& first, const score_summary& second);

// {"first":Summary,"second":Summary,"difference":{"nps":{difference,threshold,significant},"csat":…,"ces":…}}
void to_json(nlohmann::json& j, const period_comparison& c);

}  // namespace opinia::metrics
