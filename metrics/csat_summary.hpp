// csat_summary: Customer Satisfaction — % satisfied and mean, per scale.
#pragma once
#include <vector>
#include <nlohmann/json.hpp>
#include "metrics/scale_summary.hpp"

namespace opinia::metrics {

struct csat_summary {
    scale_summary answers;  // good = satisfied
};

csat_summary summarize_csat(const std::vector<store::score_count>& counts);

// {"percent","n","satisfied","mean","scale","by_scale":[{"scale","percent","n","satisfied","mean"}]}.
// With more than one scale, "percent" is pooled (each answer judged on its own scale) while
// "mean" and "scale" are null: a mean is never taken across scales.
void to_json(nlohmann::json& j, const csat_summary& s);

}  // namespace opinia::metrics
