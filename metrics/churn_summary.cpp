// churn_summary: counting a period's cohort and the snapshot tallies.
#include "metrics/churn_summary.hpp"
#include <algorithm>
#include <cmath>
#include <date/date.h>
#include "metrics/response_funnel.hpp"

namespace opinia::metrics {

namespace {
nlohmann::json or_null(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

bool active_at(const customer_span& c, std::int64_t t)
{
    return *c.active_from_ms < t && (!c.churned_at_ms || *c.churned_at_ms >= t);
}

std::string iso_time(std::int64_t ms)
{
    return date::format("%FT%TZ", date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}});
}

constexpr double ms_per_day = 86'400'000.0;
}  // namespace

cohort_churn churn_of_period(const std::vector<customer_span>& customers, std::int64_t from_ms, std::int64_t to_ms)
{
    cohort_churn c;
    c.from_ms = from_ms;
    c.to_ms = to_ms;
    for (const auto& x : customers) {
        if (!x.active_from_ms) continue;
        const bool churned_in = x.churned_at_ms && *x.churned_at_ms >= from_ms && *x.churned_at_ms < to_ms;
        if (active_at(x, from_ms)) {
            ++c.start_count;
            if (churned_in) ++c.left;
        } else if (*x.active_from_ms >= from_ms && *x.active_from_ms < to_ms) {
            ++c.joined;
            if (churned_in) ++c.joined_left;
        }
        if (active_at(x, to_ms)) ++c.end_count;
    }
    return c;
}

std::vector<cohort_churn> churn_of_periods(const std::vector<customer_span>& customers,
                                           const std::vector<std::int64_t>& boundaries)
{
    if (boundaries.size() < 2) return {};
    const auto periods = boundaries.size() - 1;
    // active[i]: customers active at boundary i, built as a difference array over index ranges.
    std::vector<std::int64_t> active_delta(boundaries.size() + 1, 0);
    std::vector<cohort_churn> out(periods);
    // The period holding time t, or `periods` when t is outside them all.
    const auto period_of = [&](std::int64_t t) {
        if (t < boundaries.front() || t >= boundaries.back()) return periods;
        return static_cast<std::size_t>(std::upper_bound(boundaries.begin(), boundaries.end(), t) - boundaries.begin()) - 1;
    };
    for (const auto& x : customers) {
        if (!x.active_from_ms) continue;
        // Active at boundary i when active_from < t_i <= churned_at: a run of consecutive indices.
        const auto first = static_cast<std::size_t>(std::upper_bound(boundaries.begin(), boundaries.end(), *x.active_from_ms) - boundaries.begin());
        const auto end = x.churned_at_ms ? static_cast<std::size_t>(std::upper_bound(boundaries.begin(), boundaries.end(), *x.churned_at_ms) - boundaries.begin())
                                         : boundaries.size();
        if (first < end) {
            ++active_delta[first];
            --active_delta[end];
        }
        const auto churned_in = x.churned_at_ms ? period_of(*x.churned_at_ms) : periods;
        const auto joined_in = period_of(*x.active_from_ms);  // joining inside a period: not active at its start
        if (joined_in < periods) {
            ++out[joined_in].joined;
            if (churned_in == joined_in) ++out[joined_in].joined_left;
        }
        if (churned_in < periods && churned_in != joined_in && first <= churned_in && churned_in < end) ++out[churned_in].left;
    }
    std::int64_t active = 0;
    for (std::size_t i = 0; i < boundaries.size(); ++i) {
        active += active_delta[i];
        if (i < periods) {
            out[i].from_ms = boundaries[i];
            out[i].to_ms = boundaries[i + 1];
            out[i].start_count = active;
        }
        if (i > 0) out[i - 1].end_count = active;
    }
    return out;
}

std::optional<double> cohort_churn::churn_rate() const { return ratio(left, start_count); }
std::optional<double> cohort_churn::new_customer_churn() const { return ratio(joined_left, joined); }
std::optional<double> cohort_churn::net_change() const { return ratio(start_count - end_count, start_count); }

namespace {
std::optional<double> restated(std::optional<double> rate, double period_days, double days)
{
    if (!rate || period_days <= 0) return std::nullopt;
    return 1.0 - std::pow(1.0 - *rate, days / period_days);
}
}  // namespace

std::optional<double> cohort_churn::monthly_equivalent() const
{
    return restated(churn_rate(), static_cast<double>(to_ms - from_ms) / ms_per_day, 30.0);
}

std::optional<double> cohort_churn::yearly_equivalent() const
{
    return restated(churn_rate(), static_cast<double>(to_ms - from_ms) / ms_per_day, 365.0);
}

void to_json(nlohmann::json& j, const cohort_churn& c)
{
    j = {{"from", iso_time(c.from_ms)},
         {"to", iso_time(c.to_ms)},
         {"start", c.start_count},
         {"left", c.left},
         {"joined", c.joined},
         {"joined_left", c.joined_left},
         {"end", c.end_count},
         {"churn_rate", or_null(c.churn_rate())},
         {"new_customer_churn", or_null(c.new_customer_churn())},
         {"net_change", or_null(c.net_change())},
         {"monthly_equivalent", or_null(c.monthly_equivalent())},
         {"yearly_equivalent", or_null(c.yearly_equivalent())}};
}

nlohmann::json churn_benchmarks_json()
{
    return nlohmann::json::array({
        {{"name", "large SaaS"}, {"per", "year"}, {"low", 0.05}, {"high", 0.07}},
        {{"name", "SMB-facing"}, {"per", "month"}, {"low", 0.05}, {"high", 0.05}},
    });
}

nlohmann::json snapshot_churn_json(const std::string& attribute, const std::map<std::string, store::churn_count>& by_value)
{
    store::churn_count all;
    auto values = nlohmann::json::array();
    for (const auto& [value, t] : by_value) {
        all.customers += t.customers;
        all.churned += t.churned;
        values.push_back({{"value", value}, {"customers", t.customers}, {"churned", t.churned}, {"rate", or_null(ratio(t.churned, t.customers))}});
    }
    nlohmann::json j{{"customers", all.customers}, {"churned", all.churned}, {"rate", or_null(ratio(all.churned, all.customers))}};
    if (!attribute.empty()) {
        j["by"] = attribute;
        j["values"] = std::move(values);
    }
    return j;
}

}  // namespace opinia::metrics
