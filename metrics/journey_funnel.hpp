// journey_funnel: customers per journey stage, step and overall conversion, median time between stages.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "store/customer_record.hpp"

namespace opinia::metrics {

// awareness, consideration, decision, retention, advocacy — in that order.
inline constexpr const auto& journey_stages = store::journey_stage_names;
std::optional<std::size_t> journey_stage_index(std::string_view stage);


struct journey_funnel {
    std::array<std::int64_t, 5> customers{};  // distinct customers with an event at each stage
    // Time from a customer's first event at stage i to their first at stage i+1, over the
    // customers who have both (and reached i+1 no earlier than i).
    std::array<std::optional<double>, 4> median_ms{};
    std::array<std::int64_t, 4> timed_customers{};

    std::optional<double> step_conversion(std::size_t stage) const;     // count[i] ÷ count[i−1]; none for stage 0
    std::optional<double> overall_conversion(std::size_t stage) const;  // count[i] ÷ count[0]
};

// Events at an unknown stage are left out.
journey_funnel build_journey(const std::vector<store::journey_event_record>& events);
// The same from numbered events; `customers` is one more than the largest customer number.
journey_funnel build_journey(const std::vector<store::journey_step>& events, std::size_t customers);
journey_funnel journey_from_counts(const std::array<std::int64_t, 5>& customers);

// {"stages":[{"stage","customers","step_conversion","overall_conversion"}],
//  "time_between":[{"from","to","customers","median_seconds"}]}; null for a 0 denominator.
void to_json(nlohmann::json& j, const journey_funnel& f);

}  // namespace opinia::metrics
