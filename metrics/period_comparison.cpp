// period_comparison: NPS by the metrics.md test, shares by the two-proportion test.
#include "metrics/period_comparison.hpp"
#include <cmath>

namespace opinia::metrics {

share_comparison compare_shares(std::int64_t good1, std::int64_t n1, std::int64_t good2, std::int64_t n2)
{
    share_comparison c;
    if (n1 <= 0 || n2 <= 0) return c;
    const double p1 = static_cast<double>(good1) / static_cast<double>(n1);
    const double p2 = static_cast<double>(good2) / static_cast<double>(n2);
    c.difference = 100.0 * (p2 - p1);
    c.threshold = 1.96 * 100.0 * std::sqrt(p1 * (1 - p1) / static_cast<double>(n1) + p2 * (1 - p2) / static_cast<double>(n2));
    c.significant = std::abs(*c.difference) > *c.threshold;
    return c;
}

period_comparison compare_periods(const score_summary& first, const score_summary& second)
{
    period_comparison c{first, second, compare_nps(first.nps, second.nps), {}, {}};
    c.csat = compare_shares(first.csat.answers.good(), first.csat.answers.n(), second.csat.answers.good(),
                            second.csat.answers.n());
    c.ces = compare_shares(first.ces.answers.good(), first.ces.answers.n(), second.ces.answers.good(),
                           second.ces.answers.n());
    return c;
}

namespace {
nlohmann::json share_json(const share_comparison& s)
{
    const auto or_null = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    // Without a difference there is no test: null, not "not significant".
    return {{"difference", or_null(s.difference)}, {"threshold", or_null(s.threshold)},
            {"significant", s.difference ? nlohmann::json(s.significant) : nlohmann::json(nullptr)}};
}
}  // namespace

void to_json(nlohmann::json& j, const period_comparison& c)
{
    j = {{"first", c.first},
         {"second", c.second},
         {"difference", {{"nps", c.nps}, {"csat", share_json(c.csat)}, {"ces", share_json(c.ces)}}}};
}

}  // namespace opinia::metrics
