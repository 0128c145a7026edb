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
    std::unordered_map<std::string, std::uint32_t> numbers;
    std::vector<store::journey_step> steps;
    for (const auto& e : events) {
        const auto stage = journey_stage_index(e.stage);
        if (!stage) continue;
        const auto [it, added] = numbers.try_emplace(e.customer_id, static_cast<std::uint32_t>(numbers.size()));
        steps.push_back({e.occurred_at_ms, it->second, static_cast<std::uint8_t>(*stage)});
    }
    return build_journey(steps, numbers.size());
}

journey_funnel build_journey(const std::vector<store::journey_step>& events, std::size_t customers)
{
    // A flat table of first times, customer × stage; 0 marks "no event", so times are stored + 1
    // shifted from the smallest one.
    constexpr std::size_t stages = journey_stages.size();
    std::int64_t origin = 0;
    for (const auto& e : events) origin = std::min(origin, e.at_ms);
    std::vector<std::int64_t> first_at(customers * stages, 0);
    std::vector<std::uint32_t> seen;  // customers with at least one event, each once
    for (const auto& e : events) {
        if (e.stage >= stages || e.customer >= customers) continue;
        const auto row = static_cast<std::size_t>(e.customer) * stages;
        if (std::all_of(first_at.begin() + static_cast<std::ptrdiff_t>(row),
                        first_at.begin() + static_cast<std::ptrdiff_t>(row + stages), [](std::int64_t t) { return t == 0; }))
            seen.push_back(e.customer);
        auto& slot = first_at[row + e.stage];
        const auto shifted = e.at_ms - origin + 1;
        if (slot == 0 || shifted < slot) slot = shifted;
    }
    journey_funnel f;
    std::array<std::vector<std::int64_t>, stages - 1> gaps;
    for (const auto customer : seen) {
        const auto* at = &first_at[static_cast<std::size_t>(customer) * stages];
        for (std::size_t i = 0; i < stages; ++i)
            if (at[i] != 0) ++f.customers[i];
        for (std::size_t i = 0; i + 1 < stages; ++i)
            if (at[i] != 0 && at[i + 1] != 0 && at[i + 1] >= at[i]) gaps[i].push_back(at[i + 1] - at[i]);
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
