// invite_routes: validation, duplicate / sampling / throttle decisions, and the invite's answer shapes.
#include "server/invite_routes.hpp"
#include <SQLiteCpp/Exception.h>
#include "server/api_error.hpp"
#include "server/iso_time.hpp"
#include "server/json_response.hpp"
#include "server/request_body.hpp"
#include "store/customer_record.hpp"

namespace opinia::server {

namespace {

constexpr std::size_t max_field_bytes = 256;   // customer ids and context values are identifiers, not prose
constexpr std::int64_t day_ms = 24LL * 60 * 60 * 1000;
constexpr int max_list_limit = 500;

store::invite_request read_invite_request(const nlohmann::json& body, const bot::flow_catalog& flows)
{
    store::invite_request r;
    r.flow = required_string_field(body, "flow", "flow", max_field_bytes);
    if (!flows.find(r.flow))
        throw api_error(http::status::bad_request, "unknown_flow", "There is no flow named '" + r.flow + "'.");
    const auto customer = body.find("customer");
    if (customer == body.end() || customer->is_null())
        throw api_error(http::status::bad_request, "missing_customer_id", "'customer.id' is required.");
    if (!customer->is_object())
        throw api_error(http::status::bad_request, "invalid_customer", "'customer' must be an object with an 'id'.");
    r.customer_id = required_string_field(*customer, "id", "customer.id", max_field_bytes);
    if (const auto context = body.find("context"); context != body.end() && !context->is_null()) {
        if (!context->is_object())
            throw api_error(http::status::bad_request, "invalid_context", "'context' must be an object.");
        const auto read = [&](const char* key) {
            return optional_string_field(*context, key, std::string("context.") + key, max_field_bytes).value_or("");
        };
        r.agent = read("agent");
        r.channel = read("channel");
        r.touchpoint = read("touchpoint");
        r.interaction = read("interaction");
        r.stage = read("stage");
        if (!r.stage.empty()) {  // the journey stage the scores are segmented by, as events name it
            const auto stage = store::journey_stage_named(r.stage);
            if (!stage)
                throw api_error(http::status::bad_request, "invalid_context_stage",
                                "'context.stage' must be awareness, consideration, decision, retention or advocacy.");
            r.stage = *stage;
        }
    }
    r.locale = optional_string_field(body, "locale", "locale", 35).value_or("");
    return r;
}

std::string invite_status(const store::invite_record& r, std::int64_t now_ms)
{
    if (!r.conversation_status.empty()) return r.conversation_status == "open" ? "opened" : r.conversation_status;
    return now_ms >= r.expires_at_ms ? "expired" : "pending";
}

nlohmann::json invite_json(const store::invite_record& r, std::int64_t now_ms)
{
    const auto& q = r.request;
    return {{"id", r.id},
            {"flow", q.flow},
            {"customer", {{"id", q.customer_id}}},
            {"context", {{"agent", q.agent}, {"channel", q.channel}, {"touchpoint", q.touchpoint},
                         {"interaction", q.interaction}, {"stage", q.stage}}},
            {"locale", q.locale},
            {"status", invite_status(r, now_ms)},
            {"conversation", r.conversation_id ? nlohmann::json(*r.conversation_id) : nlohmann::json(nullptr)},
            {"created_by_key", r.created_by_key},
            {"created_at", iso_time(r.created_at_ms)},
            {"expires_at", iso_time(r.expires_at_ms)}};
}

std::string link_base(const api_call& call, const invite_settings& settings)
{
    if (!settings.public_url.empty()) return settings.public_url;
    return "http://" + std::string(call.request[http::field::host]);
}

nlohmann::json duplicate_json(const store::invite_record& existing, std::int64_t now_ms)
{
    return {{"status", "duplicate"}, {"id", existing.id}, {"interaction", existing.request.interaction},
            {"invite_status", invite_status(existing, now_ms)}, {"expires_at", iso_time(existing.expires_at_ms)}};
}

// Agents see only the invites their own key created; admins see all.
std::int64_t visible_key(const api_call& call)
{
    return call.role == store::key_role::admin ? 0 : call.key_id;
}

}  // namespace

void add_invite_routes(route_table& routes, store::invite_store& invites, const bot::flow_catalog& flows,
                       const invite_settings& settings, std::function<std::int64_t()> now_ms)
{
    routes.add(http::verb::post, "/api/v1/invites", route_access::agent, [&, now_ms](const api_call& call) {
        const auto body = json_object_body(call.request);
        const auto request = read_invite_request(body, flows);
        const auto expiry_days = optional_int_field(body, "expires_in_days", 1, settings.max_expiry_days)
                                     .value_or(settings.expiry_days);
        const auto now = now_ms();

        // One survey per interaction, whoever asks and however often (H09).
        if (auto existing = invites.find_by_interaction(request.interaction))
            return json_response(call.request, http::status::ok, duplicate_json(*existing, now));

        const auto& rules = settings.rules_for(request.flow);
        const auto decision = decide_invite(rules, request.flow, request.customer_id,
                                            invites.last_offered_at(request.customer_id), now);
        if (decision.outcome == invite_outcome::sampled_out)
            return json_response(call.request, http::status::ok,
                                 {{"status", "sampled_out"}, {"flow", request.flow},
                                  {"sample_percent", rules.sample_percent}});
        if (decision.outcome == invite_outcome::throttled)
            return json_response(call.request, http::status::ok,
                                 {{"status", "throttled"}, {"throttle_days", rules.throttle_days},
                                  {"next_allowed_at", iso_time(*decision.next_allowed_at_ms)}});

        store::created_invite created;
        try {
            created = invites.create(request, call.key_id, now, now + expiry_days * day_ms);
        } catch (const SQLite::Exception& e) {
            // Lost a race for the same interaction: the other request's invite stands.
            if (auto existing = invites.find_by_interaction(request.interaction))
                return json_response(call.request, http::status::ok, duplicate_json(*existing, now));
            throw;
        }
        return json_response(call.request, http::status::created,
                             {{"status", "created"},
                              {"invite", created.token},
                              {"url", link_base(call, settings) + "/s/" + created.token},
                              {"expires_at", iso_time(created.record.expires_at_ms)},
                              {"id", created.record.id}});
    });

    routes.add(http::verb::get, "/api/v1/invites", route_access::agent, [&, now_ms](const api_call& call) {
        const auto cursor = call.query("cursor");
        const auto before = cursor.empty() ? 0 : positive_id(cursor, "cursor");
        int limit = 50;
        if (const auto text = call.query("limit"); !text.empty()) {
            limit = static_cast<int>(positive_id(text, "limit"));
            if (limit > max_list_limit)
                throw api_error(http::status::bad_request, "invalid_limit",
                                "'limit' must be at most " + std::to_string(max_list_limit) + ".");
        }
        const auto now = now_ms();
        auto list = nlohmann::json::array();
        const auto rows = invites.list(visible_key(call), before, limit);
        for (const auto& r : rows) list.push_back(invite_json(r, now));
        nlohmann::json next = nullptr;
        if (static_cast<int>(rows.size()) == limit) next = std::to_string(rows.back().id);
        return json_response(call.request, http::status::ok, {{"invites", list}, {"next_cursor", next}});
    });

    routes.add(http::verb::get, "/api/v1/invites/{id}", route_access::agent, [&, now_ms](const api_call& call) {
        const auto invite = invites.find(positive_id(call.params.at("id"), "id"));
        if (!invite || (visible_key(call) != 0 && invite->created_by_key != call.key_id))
            throw api_error(http::status::not_found, "not_found", "There is no such invite among yours.");
        return json_response(call.request, http::status::ok, invite_json(*invite, now_ms()));
    });
}

}  // namespace opinia::server
