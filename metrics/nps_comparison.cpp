// nps_comparison: the two-period significance test of metrics.md.
#include "metrics/nps_comparison.hpp"

#include <cmath>

namespace opinia::metrics {

nps_comparison compare_nps(const nps_summary& first, const nps_summary& second) {
    nps_comparison c;
    const auto s1 = first.score(), s2 = second.score();
    const auto se1 = first.standard_error(), se2 = second.standard_error();
    if (!s1 || !s2 || !se1 || !se2) return c;
    c.difference = *s2 - *s1;
    c.threshold = 1.96 * std::sqrt(*se1 * *se1 + *se2 * *se2);
    c.significant = std::abs(*c.difference) > *c.threshold;
    return c;
}

void to_json(nlohmann::json& j, const nps_comparison& c) {
    j = nlohmann::json{
        {"difference", c.difference ? nlohmann::json(*c.difference) : nlohmann::json(nullptr)},
        {"threshold", c.threshold ? nlohmann::json(*c.threshold) : nlohmann::json(nullptr)},
        {"significant", c.difference ? nlohmann::json(c.significant) : nlohmann::json(nullptr)},  // no test without data
    };
}

}  // namespace opinia::metrics
