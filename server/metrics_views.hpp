// metrics_views: every metric view by name and parameters — the one query layer the API and `opinia report` share.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "metrics/comment_themes.hpp"
#include "store/answer_cache.hpp"
#include "store/customer_cache.hpp"
#include "server/period_filter.hpp"
#include "store/database.hpp"

namespace opinia::server {

struct metrics_view_settings {
    int at_risk_window_days = 180;       // default look-back of the at-risk rule (metrics.md)
    int max_window_days = 3660;
    int at_risk_listed = 100;            // customers listed by default; all are counted
    int max_at_risk_listed = 1000;
    int theme_comments = 5000;           // the newest comments read for themes
    metrics::theme_settings themes;
};

// Parameters shared by every view: flow, from, to (YYYY-MM-DD, inclusive), tz (IANA) and segment
// ("agent:anna", "attribute:Contract:Two year"). Per view: trend bucket=day|week|month; segments
// by=DIMENSION; compare compare_from, compare_to; churn by=ATTRIBUTE, bucket; journey touchpoint;
// at-risk window_days, limit; themes q. A bad parameter throws invalid_filter naming it.
class metrics_views {
public:
    using params = std::map<std::string, std::string>;

    metrics_views(store::database& db, std::function<std::int64_t()> now_ms, metrics_view_settings settings = {});

    // summary, trend, segments, compare, funnel, churn, journey, at-risk, themes.
    static const std::vector<std::string>& names();
    // Refreshes the answer cache, then computes the view. Throws invalid_filter for a bad parameter
    // and std::invalid_argument for an unknown view.
    nlohmann::json view(const std::string& name, const params& p);
    // Brings the caches up to date, then lists the flows that have conversations (imported ones too).
    std::vector<std::string> answered_flows();

private:
    nlohmann::json compute(const std::string& name, const params& p);
    store::answer_filter filter_of(const params& p, const period_field_names& period = {}) const;
    // Throws invalid_filter naming `param` unless some customer has the attribute `name`.
    void require_attribute(const std::string& param, const std::string& name) const;
    nlohmann::json trend(const params& p);
    nlohmann::json segments(const params& p);
    nlohmann::json compare(const params& p);
    nlohmann::json churn(const params& p);
    nlohmann::json journey(const params& p);
    nlohmann::json at_risk(const params& p);
    nlohmann::json themes(const params& p);

    store::customer_cache customers_;  // before cache_, which reads it
    store::answer_cache cache_;
    std::function<std::int64_t()> now_ms_;
    metrics_view_settings settings_;
    metrics::comment_vocabulary vocabulary_;  // comments split once, across requests
};

// A whole number in [low, high] from params[name], or `fallback` when absent; throws invalid_filter naming it.
int bounded_param(const metrics_views::params& p, const std::string& name, int fallback, int low, int high);

}  // namespace opinia::server
