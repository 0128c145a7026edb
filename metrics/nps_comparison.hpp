// nps_comparison: whether two periods' NPS differ significantly (95 %, metrics.md).
#pragma once
#include <optional>
#include <nlohmann/json.hpp>
#include "metrics/nps_summary.hpp"

namespace opinia::metrics {

struct nps_comparison {
    std::optional<double> difference;  // second − first; nullopt when either period has n = 0
    std::optional<double> threshold;   // 1.96 × √(se₁² + se₂²)
    bool significant = false;          // |difference| > threshold; never true without data
};

nps_comparison compare_nps(const nps_summary& first, const nps_summary& second);

void to_json(nlohmann::json& j, const nps_comparison& c);

}  // namespace opinia::metrics
