// ces_summary: Customer Effort Score — % easy and mean, per scale.
#pragma once
#include <vector>
#include <nlohmann/json.hpp>
#include "metrics/scale_summary.hpp"

namespace opinia::metrics {

struct ces_summary {
    scale_summary answers;  // good = easy
};

ces_summary summarize_ces(const std::vector<store::score_count>& counts);

// {"percent_easy","n","easy","mean","scale","by_scale":[{"scale","percent_easy","n","easy","mean"}]}.
// With more than one scale, "percent_easy" is pooled while "mean" and "scale" are null.
void to_json(nlohmann::json& j, const ces_summary& s);

}  // namespace opinia::metrics
