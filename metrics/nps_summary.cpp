// nps_summary: counting NPS answers into groups and turning them into a score.
#include "metrics/nps_summary.hpp"

#include <cmath>

namespace opinia::metrics {

std::optional<double> nps_summary::score() const {
    if (n == 0) return std::nullopt;
    return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n);
}

std::optional<double> nps_summary::standard_error() const {
    if (n == 0) return std::nullopt;
    const double nn = static_cast<double>(n);
    const double p = static_cast<double>(promoters) / nn;
    const double d = static_cast<double>(detractors) / nn;
    // Clamp: rounding can leave a tiny negative variance when everyone is in one group.
    const double variance = std::max(0.0, p + d - (p - d) * (p - d));
    return 100.0 * std::sqrt(variance / nn);
}

std::optional<double> nps_summary::moe95() const {
    const auto se = standard_error();
    if (!se) return std::nullopt;
    return 1.96 * *se;
}

nps_summary summarize_nps(const std::vector<store::score_count>& counts) {
    nps_summary s;
    for (const auto& c : counts) {
        if (c.question_type != "nps" || c.scale_min != 0 || c.scale_max != 10) continue;
        if (c.value < 0 || c.value > 10 || c.count <= 0) continue;
        s.distribution[static_cast<std::size_t>(c.value)] += c.count;
        s.n += c.count;
        if (c.value >= 9)
            s.promoters += c.count;
        else if (c.value >= 7)
            s.passives += c.count;
        else
            s.detractors += c.count;
    }
    return s;
}

nps_summary nps_from_groups(std::int64_t promoters, std::int64_t passives, std::int64_t detractors) {
    nps_summary s;
    s.promoters = promoters;
    s.passives = passives;
    s.detractors = detractors;
    s.n = promoters + passives + detractors;
    return s;
}

namespace {
nlohmann::json or_null(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

void to_json(nlohmann::json& j, const nps_summary& s) {
    j = nlohmann::json{
        {"score", or_null(s.score())},
        {"n", s.n},
        {"promoters", s.promoters},
        {"passives", s.passives},
        {"detractors", s.detractors},
        {"moe95", or_null(s.moe95())},
        {"low_sample", s.low_sample()},
        {"distribution", s.distribution},
    };
}

}  // namespace opinia::metrics
