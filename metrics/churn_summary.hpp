// churn_summary: cohort churn, new-customer churn and net change for a period; snapshot churn by attribute.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "store/customer_record.hpp"

namespace opinia::metrics {

using store::customer_span;

// For [a, b): S active at a, L of S churned in [a, b), N joined in [a, b), N_left of N churned
// before b, E active at b. A customer is active at t when active_from < t and not churned before t.
struct cohort_churn {
    std::int64_t from_ms = 0, to_ms = 0;
    std::int64_t start_count = 0;   // S
    std::int64_t left = 0;          // L
    std::int64_t joined = 0;        // N
    std::int64_t joined_left = 0;
    std::int64_t end_count = 0;     // E

    std::optional<double> churn_rate() const;          // L ÷ S: new customers never change it
    std::optional<double> new_customer_churn() const;  // joined_left ÷ N
    std::optional<double> net_change() const;          // (S − E) ÷ S, negative means growth
    // The churn rate restated for 30 and 365 days, (1 − (1 − rate)^(days ÷ period days)), to read it
    // against the benchmark bands whatever the period's length.
    std::optional<double> monthly_equivalent() const;
    std::optional<double> yearly_equivalent() const;
};

cohort_churn churn_of_period(const std::vector<customer_span>& customers, std::int64_t from_ms, std::int64_t to_ms);
// The same for consecutive periods [t0, t1), [t1, t2), … given increasing `boundaries`, in one pass
// over the customers (a year of days over a million customers would otherwise be 365 passes).
std::vector<cohort_churn> churn_of_periods(const std::vector<customer_span>& customers,
                                           const std::vector<std::int64_t>& boundaries);

// {"from","to","start","left","joined","joined_left","end","churn_rate","new_customer_churn","net_change",
//  "monthly_equivalent","yearly_equivalent"}; shares 0…1, null when S (or N) is 0.
void to_json(nlohmann::json& j, const cohort_churn& c);

// The seed's reference bands: large SaaS ~5–7 % a year, SMB-facing ~5 % a month.
nlohmann::json churn_benchmarks_json();

// Snapshot churn (a churned yes/no per customer, no dates): churned ÷ customers, overall and per value.
// {"customers","churned","rate","by":NAME,"values":[{"value","customers","churned","rate"}]} — values by name.
nlohmann::json snapshot_churn_json(const std::string& attribute, const std::map<std::string, store::churn_count>& by_value);

}  // namespace opinia::metrics
