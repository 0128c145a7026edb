// journey_funnel: first event per customer and stage, then counts and medians.
#include "metrics/journey_funnel.hpp"
#include <algorithm>
#include <unordered_map>
#include "metrics/response_funnel.hpp"

namespace opinia::metrics {

std::optional<std::size_t> journey_stage_index(std::string_view stage)
{
    for (std::size_t i = 0; i < journey_stages.size(); ++i)
        if (journey_stages[i] == stage) return i;
    return std::nullopt;
}

namespace {
std::optional<double> median(std::vector<std::int64_t>& values)
{
    if (values.empty()) return std::nullopt;
    const auto mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
    const double upper = static_cast<double>(values[mid]);
    if (values.size() % 2 == 1) return upper;
    const double lower = static_cast<double>(*std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid)));
    return (lower + upper) / 2.0;
}
}  // namespace

journey_funnel build_journey(const std::vector<store::journey_event_record>& events)
{
    std::unordered_map<std::string, std::array<std::optional<std::int64_t>, 5>> first_at;
    for (const auto& e : events) {
        const auto stage = journey_stage_index(e.stage);
        if (!stage) continue;
        auto& slot = first_at[e.customer_id][*stage];
        if (!slot || e.occurred_at_ms < *slot) slot = e.occurred_at_ms;
    }
    journey_funnel f;
    std::array<std::vector<std::int64_t>, 4> gaps;
    for (const auto& [customer, stages] : first_at) {
        for (std::size_t i = 0; i < stages.size(); ++i)
            if (stages[i]) ++f.customers[i];
        for (std::size_t i = 0; i + 1 < stages.size(); ++i)
            if (stages[i] && stages[i + 1] && *stages[i + 1] >= *stages[i])
                gaps[i].push_back(*stages[i + 1] - *stages[i]);
    }
    for (std::size_t i = 0; i < gaps.size(); ++i) {
        f.timed_customers[i] = static_cast<std::int64_t>(gaps[i].size());
        f.median_ms[i] = median(gaps[i]);
    }
    return f;
}

journey_funnel journey_from_counts(const std::array<std::int64_t, 5>& customers)
{
    journey_funnel f;
    f.customers = customers;
    return f;
}

std::optional<double> journey_funnel::step_conversion(std::size_t stage) const
{
    if (stage == 0 || stage >= customers.size()) return std::nullopt;
    return ratio(customers[stage], customers[stage - 1]);
}

std::optional<double> journey_funnel::overall_conversion(std::size_t stage) const
{
    if (stage >= customers.size()) return std::nullopt;
    return ratio(customers[stage], customers[0]);
}

void to_json(nlohmann::json& j, const journey_funnel& f)
{
    const auto or_null = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    auto stages = nlohmann::json::array();
    for (std::size_t i = 0; i < journey_stages.size(); ++i)
        stages.push_back({{"stage", journey_stages[i]},
                          {"customers", f.customers[i]},
                          {"step_conversion", or_null(f.step_conversion(i))},
                          {"overall_conversion", or_null(f.overall_conversion(i))}});
    auto between = nlohmann::json::array();
    for (std::size_t i = 0; i + 1 < journey_stages.size(); ++i) {
        const auto seconds = f.median_ms[i] ? std::optional<double>(*f.median_ms[i] / 1000.0) : std::nullopt;
        between.push_back({{"from", journey_stages[i]},
                           {"to", journey_stages[i + 1]},
                           {"customers", f.timed_customers[i]},
                           {"median_seconds", or_null(seconds)}});
    }
    j = {{"stages", std::move(stages)}, {"time_between", std::move(between)}};
}

}  // namespace opinia::metrics
