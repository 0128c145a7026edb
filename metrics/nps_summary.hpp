// nps_summary: Net Promoter Score with its counts, 0-10 distribution and 95 % margin of error.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>
#include <nlohmann/json.hpp>
#include "store/answer_filter.hpp"

namespace opinia::metrics {

struct nps_summary {
    std::int64_t n = 0;
    std::int64_t promoters = 0;   // 9-10
    std::int64_t passives = 0;    // 7-8
    std::int64_t detractors = 0;  // 0-6: a 0 is an answer and a detractor
    std::array<std::int64_t, 11> distribution{};  // answers per value 0..10

    // 100 × (promoters − detractors) ÷ n, unrounded; nullopt when n = 0.
    std::optional<double> score() const;
    // 1.96 × standard error (metrics.md); nullopt when n = 0.
    std::optional<double> moe95() const;
    // 100 × √((p + d − (p − d)²) ÷ n); nullopt when n = 0.
    std::optional<double> standard_error() const;
    bool low_sample() const { return n < low_sample_below; }

    static constexpr std::int64_t low_sample_below = 30;
};

// Only answers to `nps` questions on the 0-10 scale count: a 1-4 rating never yields an NPS.
nps_summary summarize_nps(const std::vector<store::score_count>& counts);

// From bucket counts alone (no distribution), e.g. for a period known only by its totals.
nps_summary nps_from_groups(std::int64_t promoters, std::int64_t passives, std::int64_t detractors);

// {"score","n","promoters","passives","detractors","moe95","low_sample","distribution"}; null scores when n = 0.
void to_json(nlohmann::json& j, const nps_summary& s);

}  // namespace opinia::metrics
