// webhook_routes: the secret is shown once, when the webhook is created; the log shows every attempt.
#include "server/webhook_routes.hpp"
#include <algorithm>
#include <array>
#include "server/api_error.hpp"
#include "server/http_url.hpp"
#include "server/iso_time.hpp"
#include "server/json_response.hpp"
#include "server/request_body.hpp"

namespace opinia::server {

namespace {

constexpr std::array<const char*, 2> event_types{"response.completed", "response.detractor"};
constexpr int default_log_limit = 50;
constexpr int max_log_limit = 500;

std::vector<std::string> read_events(const nlohmann::json& body)
{
    const auto it = body.find("events");
    if (it == body.end() || it->is_null()) return {event_types.begin(), event_types.end()};
    const auto known = [](const nlohmann::json& e) {
        return e.is_string() && std::find(event_types.begin(), event_types.end(), e.get<std::string>()) != event_types.end();
    };
    if (!it->is_array() || it->empty() || !std::all_of(it->begin(), it->end(), known))
        throw api_error(http::status::bad_request, "invalid_events",
                        "'events' must be a non-empty list of \"response.completed\" and \"response.detractor\".");
    std::vector<std::string> events;
    for (const auto& e : *it)
        if (std::find(events.begin(), events.end(), e.get<std::string>()) == events.end())
            events.push_back(e.get<std::string>());
    return events;
}

nlohmann::json optional_time(const std::optional<std::int64_t>& ms)
{
    return ms ? nlohmann::json(iso_time(*ms)) : nlohmann::json(nullptr);
}

nlohmann::json webhook_json(const store::webhook_record& w)
{
    return {{"id", w.id}, {"url", w.url}, {"events", w.events}, {"created_at", iso_time(w.created_at_ms)}};
}

nlohmann::json delivery_json(const store::delivery_log_entry& e)
{
    auto attempts = nlohmann::json::array();
    for (const auto& a : e.attempt_log)
        attempts.push_back({{"at", iso_time(a.attempted_at_ms)},
                            {"status_code", a.status_code ? nlohmann::json(*a.status_code) : nlohmann::json(nullptr)},
                            {"error", a.error},
                            {"duration_ms", a.duration_ms}});
    const auto status = e.delivered_at_ms ? "delivered" : e.failed_at_ms ? "failed" : "pending";
    return {{"event", e.event_id},      {"type", e.event_type},
            {"status", status},         {"created_at", iso_time(e.created_at_ms)},
            {"attempts", e.attempts},   {"next_attempt_at", optional_time(e.next_attempt_at_ms)},
            {"delivered_at", optional_time(e.delivered_at_ms)}, {"failed_at", optional_time(e.failed_at_ms)},
            {"attempt_log", attempts}};
}

}  // namespace

void add_webhook_routes(route_table& routes, store::webhook_store& webhooks, std::function<std::int64_t()> now_ms)
{
    routes.add(http::verb::post, "/api/v1/webhooks", route_access::admin, [&webhooks, now_ms](const api_call& call) {
        const auto body = json_object_body(call.request);
        const auto url = required_string_field(body, "url", "url", 2000);
        if (!parse_http_url(url))
            throw api_error(http::status::bad_request, "invalid_url",
                            "'url' must be an absolute http:// or https:// URL without user name or fragment.");
        const auto created = webhooks.create(url, read_events(body), now_ms());
        auto out = webhook_json(created);
        out["secret"] = created.secret;  // shown once: receivers check Opinia-Signature with it
        return json_response(call.request, http::status::created, out);
    });

    routes.add(http::verb::get, "/api/v1/webhooks", route_access::admin, [&webhooks](const api_call& call) {
        auto list = nlohmann::json::array();
        for (const auto& w : webhooks.list()) list.push_back(webhook_json(w));
        return json_response(call.request, http::status::ok, {{"webhooks", list}});
    });

    routes.add(http::verb::delete_, "/api/v1/webhooks/{id}", route_access::admin,
               [&webhooks, now_ms](const api_call& call) {
        const auto id = positive_id(call.params.at("id"), "id");
        if (!webhooks.remove(id, now_ms()))
            throw api_error(http::status::not_found, "not_found", "There is no webhook with this id.");
        return json_response(call.request, http::status::ok, {{"deleted", id}});
    });

    routes.add(http::verb::get, "/api/v1/webhooks/{id}/deliveries", route_access::admin,
               [&webhooks](const api_call& call) {
        const auto id = positive_id(call.params.at("id"), "id");
        if (!webhooks.find(id))
            throw api_error(http::status::not_found, "not_found", "There is no webhook with this id.");
        int limit = default_log_limit;
        if (const auto text = call.query("limit"); !text.empty())
            limit = static_cast<int>(std::min<std::int64_t>(positive_id(text, "limit"), max_log_limit));
        auto list = nlohmann::json::array();
        for (const auto& e : webhooks.deliveries(id, limit)) list.push_back(delivery_json(e));
        return json_response(call.request, http::status::ok, {{"webhook", id}, {"deliveries", list}});
    });
}

}  // namespace opinia::server
