// metrics_views: parameters → store reads → pure metric functions → JSON.
#include "server/metrics_views.hpp"
#include <algorithm>
#include "metrics/at_risk_ranking.hpp"
#include "metrics/bucket_calendar.hpp"
#include "metrics/churn_summary.hpp"
#include "metrics/journey_funnel.hpp"
#include "metrics/period_comparison.hpp"
#include "metrics/response_funnel.hpp"
#include "metrics/risk_assessment.hpp"
#include "metrics/score_summary.hpp"
#include "metrics/segment_breakdown.hpp"
#include "metrics/trend_series.hpp"
#include "server/period_filter.hpp"

namespace opinia::server {

namespace {

std::string param(const metrics_views::params& p, const std::string& name)
{
    const auto it = p.find(name);
    return it == p.end() ? std::string() : it->second;
}

// "agent:anna" → (agent, anna); "attribute:Contract:Two year" → (attribute:Contract, Two year).
std::pair<std::string, std::string> parse_segment(const std::string& text)
{
    const auto first = text.find(':');
    if (first != std::string::npos) {
        auto split = first;
        if (text.compare(0, first, "attribute") == 0) split = text.find(':', first + 1);
        if (split != std::string::npos && split + 1 <= text.size()) {
            auto dimension = text.substr(0, split);
            if (metrics::is_segment_dimension(dimension)) return {std::move(dimension), text.substr(split + 1)};
        }
    }
    throw invalid_filter("segment", "'segment' must be DIMENSION:VALUE with DIMENSION flow, channel, agent, touchpoint, "
                                    "stage, locale or attribute:NAME, got '" + text + "'");
}

std::string zone_of(const metrics_views::params& p)
{
    const auto tz = param(p, "tz");
    return tz.empty() ? "UTC" : tz;
}

// Churn and journey count customers, which a segment cuts only when it names a customer attribute;
// `segment_cuts_customers` tells the reader which (present only when a segment was given).
std::optional<store::customer_cache::attribute_match> customer_segment(const store::answer_filter& f, nlohmann::json& out)
{
    constexpr std::string_view prefix = "attribute:";
    if (f.segment_dimension.empty()) return std::nullopt;
    const bool cuts = f.segment_dimension.starts_with(prefix);
    out["segment_cuts_customers"] = cuts;
    if (!cuts) return std::nullopt;
    return store::customer_cache::attribute_match{f.segment_dimension.substr(prefix.size()), f.segment_value};
}

}  // namespace

int bounded_param(const metrics_views::params& p, const std::string& name, int fallback, int low, int high)
{
    const auto text = param(p, name);
    if (text.empty()) return fallback;
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size() && value >= low && value <= high) return value;
    } catch (const std::exception&) {
    }
    throw invalid_filter(name, "'" + name + "' must be a whole number from " + std::to_string(low) + " to " +
                                   std::to_string(high));
}

metrics_views::metrics_views(store::database& db, std::function<std::int64_t()> now_ms, metrics_view_settings settings)
    : customers_(db), cache_(db, customers_), now_ms_(std::move(now_ms)), settings_(settings),
      vocabulary_(settings.themes.min_word_chars)
{
}

const std::vector<std::string>& metrics_views::names()
{
    static const std::vector<std::string> all{"summary", "trend",   "segments", "compare", "funnel",
                                              "churn",   "journey", "at-risk",  "themes"};
    return all;
}

store::answer_filter metrics_views::filter_of(const params& p, const period_field_names& period) const
{
    auto filter = make_period_filter(param(p, "flow"), param(p, period.from), param(p, period.to), param(p, "tz"), period);
    const auto segment = param(p, "segment");
    if (!segment.empty()) std::tie(filter.segment_dimension, filter.segment_value) = parse_segment(segment);
    return filter;
}

nlohmann::json metrics_views::view(const std::string& name, const params& p)
{
    customers_.refresh();
    cache_.refresh();
    try {
        return compute(name, p);
    } catch (const metrics::too_many_buckets& e) {  // trend and churn periods
        throw invalid_filter("bucket", e.what());
    }
}

std::vector<std::string> metrics_views::answered_flows()
{
    customers_.refresh();
    cache_.refresh();
    return cache_.flow_names();
}

nlohmann::json metrics_views::compute(const std::string& name, const params& p)
{
    if (name == "summary") return metrics::summary_json(cache_.score_counts(filter_of(p)));
    if (name == "trend") return trend(p);
    if (name == "segments") return segments(p);
    if (name == "compare") return compare(p);
    if (name == "funnel") {
        const auto c = cache_.funnel(filter_of(p));
        return metrics::response_funnel{c.offered, c.started, c.completed, c.explained};
    }
    if (name == "churn") return churn(p);
    if (name == "journey") return journey(p);
    if (name == "at-risk") return at_risk(p);
    if (name == "themes") return themes(p);
    throw std::invalid_argument("unknown view '" + name + "'");
}

nlohmann::json metrics_views::trend(const params& p)
{
    const auto filter = filter_of(p);
    const auto bucket_text = param(p, "bucket");
    const auto size = metrics::parse_bucket_size(bucket_text.empty() ? "week" : bucket_text);
    if (!size) throw invalid_filter("bucket", "'bucket' must be day, week or month, got '" + bucket_text + "'");
    metrics::bucket_calendar calendar(zone_of(p), *size);
    const auto counts = cache_.bucket_counts(
        filter, [&calendar](std::int64_t ms) { return calendar.bucket_of(ms).time_since_epoch().count(); });
    std::optional<date::local_days> first, last;
    if (filter.from_ms) first = calendar.bucket_of(*filter.from_ms);
    if (filter.to_ms) last = calendar.bucket_of(*filter.to_ms - 1);
    return metrics::trend_json(metrics::build_trend(counts, calendar, first, last), calendar);
}

nlohmann::json metrics_views::segments(const params& p)
{
    auto by = param(p, "by");
    if (by.empty()) by = "flow";
    if (!metrics::is_segment_dimension(by))
        throw invalid_filter("by", "'by' must be flow, channel, agent, touchpoint, stage, locale or attribute:NAME");
    if (by.starts_with("attribute:")) require_attribute("by", by.substr(std::string_view("attribute:").size()));
    return metrics::segments_json(by, cache_.segment_counts(filter_of(p), by));
}

nlohmann::json metrics_views::compare(const params& p)
{
    const auto first = filter_of(p);
    if (param(p, "compare_from").empty() || param(p, "compare_to").empty())
        throw invalid_filter("compare_from", "'compare_from' and 'compare_to' give the second period and are required");
    const auto second = filter_of(p, {"compare_from", "compare_to"});
    return metrics::compare_periods(metrics::summarize_scores(cache_.score_counts(first)),
                                    metrics::summarize_scores(cache_.score_counts(second)));
}

nlohmann::json metrics_views::churn(const params& p)
{
    const auto filter = filter_of(p);
    if (!param(p, "by").empty()) require_attribute("by", param(p, "by"));
    nlohmann::json out{{"benchmarks", metrics::churn_benchmarks_json()},
                       {"attributes", customers_.attribute_names()},  // what `by` can name
                       {"period", nullptr}};
    const auto only = customer_segment(filter, out);
    out["snapshot"] = metrics::snapshot_churn_json(param(p, "by"), customers_.snapshot_churn(param(p, "by"), only));
    if (!filter.from_ms || !filter.to_ms) {
        if (!param(p, "bucket").empty())
            throw invalid_filter("bucket", "'bucket' cuts the period from 'from' to 'to' into parts: give both");
        return out;
    }
    const auto spans = customers_.spans(only);
    out["period"] = metrics::churn_of_period(spans, *filter.from_ms, *filter.to_ms);
    const auto bucket_text = param(p, "bucket");
    if (!bucket_text.empty()) {
        const auto size = metrics::parse_bucket_size(bucket_text);
        if (!size) throw invalid_filter("bucket", "'bucket' must be day, week or month, got '" + bucket_text + "'");
        metrics::bucket_calendar calendar(zone_of(p), *size);
        // Bucket starts inside the window, clipped to it at both ends.
        std::vector<std::int64_t> boundaries{*filter.from_ms};
        const auto last = calendar.bucket_of(*filter.to_ms - 1);
        calendar.check_span(calendar.bucket_of(*filter.from_ms), last);
        for (auto b = calendar.next(calendar.bucket_of(*filter.from_ms)); b <= last; b = calendar.next(b))
            boundaries.push_back(calendar.start_ms(b));
        boundaries.push_back(*filter.to_ms);
        auto periods = nlohmann::json::array();
        for (const auto& period : metrics::churn_of_periods(spans, boundaries)) periods.push_back(period);
        out["periods"] = std::move(periods);
    }
    return out;
}

void metrics_views::require_attribute(const std::string& param_name, const std::string& name) const
{
    const auto names = customers_.attribute_names();
    if (std::find(names.begin(), names.end(), name) != names.end()) return;
    std::string known;
    for (std::size_t i = 0; i < names.size() && i < 20; ++i) known += (i ? ", " : "") + names[i];
    throw invalid_filter(param_name, "no customer has the attribute '" + name + "'" +
                                         (known.empty() ? std::string(" (no attributes are imported)") : "; known: " + known));
}

nlohmann::json metrics_views::journey(const params& p)
{
    const auto filter = filter_of(p);
    auto cut = nlohmann::json::object();
    const auto only = customer_segment(filter, cut);
    nlohmann::json out = metrics::build_journey(customers_.events(filter.from_ms, filter.to_ms, param(p, "touchpoint"), only),
                                                customers_.customer_count());
    out.update(cut);
    out["scores_by_stage"] = metrics::segments_json("stage", cache_.segment_counts(filter, "stage"))["segments"];
    out["scores_by_touchpoint"] = metrics::segments_json("touchpoint", cache_.segment_counts(filter, "touchpoint"))["segments"];
    return out;
}

nlohmann::json metrics_views::at_risk(const params& p)
{
    auto filter = filter_of(p);
    const int window_days = bounded_param(p, "window_days", settings_.at_risk_window_days, 1, settings_.max_window_days);
    const int limit = bounded_param(p, "limit", settings_.at_risk_listed, 1, settings_.max_at_risk_listed);
    const auto end = filter.to_ms ? *filter.to_ms : now_ms_() + 1;
    const auto start = end - static_cast<std::int64_t>(window_days) * 86'400'000;
    filter.to_ms = end;
    filter.from_ms = filter.from_ms ? std::max(*filter.from_ms, start) : start;
    metrics::at_risk_ranking ranking(static_cast<std::size_t>(limit));
    cache_.for_each_latest(filter, [&ranking](const store::customer_latest& c) { ranking.add(c); });
    auto listed = ranking.take_listed();
    // Only the listed customers' conversations are looked up.
    for (auto& customer : listed)
        for (auto& s : customer.signals) s.answer.conversation = cache_.conversation_id(s.answer.conversation_rowid);
    auto out = metrics::at_risk_json(ranking.high(), ranking.watch(), listed);
    out["window_days"] = window_days;
    return out;
}

nlohmann::json metrics_views::themes(const params& p)
{
    const auto comments = cache_.newest_comments(filter_of(p), static_cast<std::size_t>(settings_.theme_comments), param(p, "q"));
    return metrics::themes_json(metrics::find_themes(comments, vocabulary_, settings_.themes), comments.size());
}

}  // namespace opinia::server
