// metrics_routes: /api/v1/metrics/summary, /api/v1/comments, /api/v1/flows.
#include "server/metrics_routes.hpp"
#include <date/date.h>
#include "metrics/score_summary.hpp"
#include "server/json_response.hpp"
#include "server/period_filter.hpp"

namespace opinia::server {

namespace {

std::string iso_time(std::int64_t ms)
{
    return date::format("%FT%TZ", date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}});
}

nlohmann::json optional_json(const std::optional<int>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

store::answer_filter filter_of(const api_call& call)
{
    return make_period_filter(call.query("flow"), call.query("from"), call.query("to"), call.query("tz"));
}

// A whole number in [low, high], or `fallback` when absent; throws invalid_filter naming the field.
int bounded_int(const api_call& call, const std::string& name, int fallback, int low, int high)
{
    const auto text = call.query(name);
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

}  // namespace

void add_metrics_routes(route_table& routes, store::metrics_query& metrics, const bot::flow_catalog& flows)
{
    routes.add(http::verb::get, "/api/v1/flows", route_access::admin, [&flows](const api_call& call) {
        auto list = nlohmann::json::array();
        for (const auto& name : flows.names())
            list.push_back({{"name", name}, {"version", flows.find(name)->version}});
        return json_response(call.request, http::status::ok, {{"flows", list}});
    });

    routes.add(http::verb::get, "/api/v1/metrics/summary", route_access::admin, [&metrics](const api_call& call) {
        return json_response(call.request, http::status::ok, metrics::summary_json(metrics.score_counts(filter_of(call))));
    });

    routes.add(http::verb::get, "/api/v1/comments", route_access::admin, [&metrics](const api_call& call) {
        const auto filter = filter_of(call);
        const int limit = bounded_int(call, "limit", 50, 1, 500);
        auto comments = nlohmann::json::array();
        for (const auto& c : metrics.comments(filter, limit)) {
            comments.push_back({{"conversation", c.conversation_id}, {"flow", c.flow}, {"step", c.step},
                                {"text", c.text}, {"nps", optional_json(c.nps)}, {"csat", optional_json(c.csat)},
                                {"ces", optional_json(c.ces)}, {"created_at", iso_time(c.created_at_ms)}});
        }
        return json_response(call.request, http::status::ok, {{"comments", comments}});
    });
}

}  // namespace opinia::server
