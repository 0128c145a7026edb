// metrics_routes: /api/v1/metrics/<view>, /api/v1/comments, /api/v1/flows, /api/v1/events, /api/v1/customers.
#include "server/metrics_routes.hpp"
#include <memory>
#include <date/date.h>
#include <sqlite3.h>
#include "bot/untrusted_json.hpp"
#include "import/iso_timestamp.hpp"
#include "metrics/journey_funnel.hpp"
#include "server/app_state.hpp"
#include "server/json_response.hpp"
#include "server/metrics_views.hpp"
#include "server/period_filter.hpp"
#include "server/server_log.hpp"
#include "store/customer_store.hpp"

namespace opinia::server {

namespace {

// Bodies of POST /api/v1/events and /api/v1/customers: at most this many items per request.
constexpr std::size_t max_items_per_post = 10000;
constexpr std::size_t max_text_field_bytes = 1000;  // ids, stages, touchpoints, times

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

// The body as a list of objects: {"<list_key>": [...]}, a bare array, or one object.
std::vector<nlohmann::json> body_items(const api_call& call, const std::string& list_key)
{
    const auto body = bot::parse_untrusted_json(call.request.body());
    if (body.is_discarded()) throw invalid_filter("body", "the body must be JSON, nested at most " + std::to_string(bot::max_json_depth) + " levels");
    std::vector<nlohmann::json> items;
    const auto& list = body.is_object() && body.contains(list_key) ? body.at(list_key) : body;
    if (list.is_array())
        items.assign(list.begin(), list.end());
    else
        items.push_back(list);
    if (items.empty() || items.size() > max_items_per_post)
        throw invalid_filter("body", "send from 1 to " + std::to_string(max_items_per_post) + " items");
    for (const auto& item : items)
        if (!item.is_object()) throw invalid_filter("body", "each item must be a JSON object");
    return items;
}

std::string text_field(const nlohmann::json& item, const std::string& name, std::size_t index, bool required)
{
    const auto it = item.find(name);
    const bool absent = it == item.end() || it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty());
    if (absent) {
        if (required) throw invalid_filter(name, "item " + std::to_string(index) + ": '" + name + "' is required");
        return {};
    }
    if (!it->is_string())
        throw invalid_filter(name, "item " + std::to_string(index) + ": '" + name + "' must be a string");
    if (it->get_ref<const std::string&>().size() > max_text_field_bytes)
        throw invalid_filter(name, "item " + std::to_string(index) + ": '" + name + "' must be at most " +
                                       std::to_string(max_text_field_bytes) + " bytes");
    return it->get<std::string>();
}

std::optional<std::int64_t> time_field(const nlohmann::json& item, const std::string& name, std::size_t index)
{
    const auto text = text_field(item, name, index, false);
    if (text.empty()) return std::nullopt;
    const auto ms = import::parse_iso_timestamp_ms(text);
    if (!ms)
        throw invalid_filter(name, "item " + std::to_string(index) + ": '" + name + "' must be an ISO 8601 time, got '" +
                                       text + "'");
    return ms;
}

store::journey_event_record event_of(const nlohmann::json& item, std::size_t index, std::int64_t now)
{
    store::journey_event_record e;
    e.customer_id = text_field(item, "customer", index, true);
    const auto stage = store::journey_stage_named(text_field(item, "stage", index, true));
    if (!stage)
        throw invalid_filter("stage", "item " + std::to_string(index) +
                                          ": 'stage' must be awareness, consideration, decision, retention or advocacy");
    e.stage = *stage;
    e.touchpoint = text_field(item, "touchpoint", index, false);
    e.occurred_at_ms = time_field(item, "at", index).value_or(now);
    if (import::is_after_recording(e.occurred_at_ms, now))
        throw invalid_filter("at", "item " + std::to_string(index) + ": 'at' is in the future");
    return e;
}

store::customer_record customer_of(const nlohmann::json& item, std::size_t index)
{
    store::customer_record c;
    c.id = text_field(item, "id", index, true);
    c.active_from_ms = time_field(item, "active_from", index);
    c.churned_at_ms = time_field(item, "churned_at", index);
    if (item.contains("churned") && !item.at("churned").is_null()) {
        if (!item.at("churned").is_boolean())
            throw invalid_filter("churned", "item " + std::to_string(index) + ": 'churned' must be true or false");
        c.churned = item.at("churned").get<bool>();
    }
    if (c.active_from_ms && c.churned_at_ms && *c.churned_at_ms < *c.active_from_ms)
        throw invalid_filter("churned_at", "item " + std::to_string(index) + ": 'churned_at' is before 'active_from'");
    if (item.contains("attributes")) {
        const auto& a = item.at("attributes");
        if (!a.is_object()) throw invalid_filter("attributes", "'attributes' must be an object of strings");
        for (const auto& [name, value] : a.items()) {
            if (name.empty()) throw invalid_filter("attributes", "item " + std::to_string(index) + ": an attribute name is empty");
            if (!value.is_string()) throw invalid_filter("attributes", "attribute '" + name + "' must be a string");
            c.attributes.emplace_back(name, value.get<std::string>());
        }
    }
    return c;
}

nlohmann::json customer_json(const store::customer_record& c)
{
    nlohmann::json attributes = nlohmann::json::object();
    for (const auto& [name, value] : c.attributes) attributes[name] = value;
    const auto time = [](const std::optional<std::int64_t>& ms) { return ms ? nlohmann::json(iso_time(*ms)) : nlohmann::json(nullptr); };
    return {{"id", c.id},
            {"active_from", time(c.active_from_ms)},
            {"churned_at", time(c.churned_at_ms)},
            {"churned", c.churned ? nlohmann::json(*c.churned) : nlohmann::json(nullptr)},
            {"attributes", std::move(attributes)}};
}

}  // namespace

metrics_background add_metrics_routes(route_table& routes, store::metrics_query& metrics, const bot::flow_catalog& flows)
{
    // Views and comments run on the background thread with a connection of their own (an in-memory
    // database cannot be opened twice, so tests of one share it). One view object per server: its
    // caches are filled once and then kept up to date.
    const auto& settings = metrics.db().settings();
    auto own_db = settings.path == ":memory:" ? nullptr : std::make_shared<store::database>(settings);
    auto& db = own_db ? *own_db : metrics.db();
    auto views = std::make_shared<metrics_views>(db, system_now_ms);
    for (const auto& name : metrics_views::names()) {
        routes.add(http::verb::get, "/api/v1/metrics/" + name, route_access::admin,
                   [views, own_db, name](const api_call& call) {
                       return json_response(call.request, http::status::ok, views->view(name, call.target.query));
                   },
                   route_thread::background);
    }

    // The loaded flows, and every flow with conversations: an imported survey is a flow too, and the
    // admin page offers both (the catalog is read-only once loaded, so the background thread may read it).
    routes.add(http::verb::get, "/api/v1/flows", route_access::admin, [&flows, views, own_db](const api_call& call) {
        auto list = nlohmann::json::array();
        for (const auto& name : flows.names())
            list.push_back({{"name", name}, {"version", flows.find(name)->version}});
        return json_response(call.request, http::status::ok, {{"flows", list}, {"answered", views->answered_flows()}});
    }, route_thread::background);

    auto comment_query = std::make_shared<store::metrics_query>(db);
    routes.add(http::verb::get, "/api/v1/comments", route_access::admin, [comment_query, own_db](const api_call& call) {
        const auto filter = filter_of(call);
        const int limit = bounded_param(call.target.query, "limit", 50, 1, 500);
        auto comments = nlohmann::json::array();
        for (const auto& c : comment_query->comments(filter, limit, call.query("q"))) {
            comments.push_back({{"conversation", c.conversation_id}, {"flow", c.flow}, {"step", c.step},
                                {"text", c.text}, {"nps", optional_json(c.nps)}, {"csat", optional_json(c.csat)},
                                {"ces", optional_json(c.ces)}, {"created_at", iso_time(c.created_at_ms)}});
        }
        return json_response(call.request, http::status::ok, {{"comments", comments}});
    }, route_thread::background);

    auto customers = std::make_shared<store::customer_store>(metrics.db());
    routes.add(http::verb::post, "/api/v1/events", route_access::agent, [customers](const api_call& call) {
        const auto now = system_now_ms();
        std::vector<store::journey_event_record> events;
        std::size_t index = 0;
        for (const auto& item : body_items(call, "events")) events.push_back(event_of(item, index++, now));
        customers->add_events(events, now);
        return json_response(call.request, http::status::created, {{"status", "created"}, {"events", events.size()}});
    });

    routes.add(http::verb::post, "/api/v1/customers", route_access::admin, [customers](const api_call& call) {
        std::vector<store::customer_record> list;
        std::size_t index = 0;
        for (const auto& item : body_items(call, "customers")) list.push_back(customer_of(item, index++));
        customers->upsert(list, system_now_ms());
        return json_response(call.request, http::status::ok, {{"status", "saved"}, {"customers", list.size()}});
    });

    routes.add(http::verb::get, "/api/v1/customers/{id}", route_access::admin, [customers](const api_call& call) {
        const auto found = customers->find(call.params.at("id"));
        if (!found) return json_error(call.request, http::status::not_found, "not_found", "no such customer");
        return json_response(call.request, http::status::ok, customer_json(*found));
    });

    const auto warm_up = [views, own_db] {
        const auto started = std::chrono::steady_clock::now();
        try {
            views->view("summary", {});
            log_event("info", "metrics_cache_loaded",
                      {{"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()}});
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() == SQLITE_INTERRUPT)  // the server is shutting down
                return log_event("info", "metrics_cache_interrupted", {});
            log_event("error", "metrics_cache_failed", {{"error", e.what()}});
        } catch (const std::exception& e) {
            log_event("error", "metrics_cache_failed", {{"error", e.what()}});
        }
    };
    // An in-memory database is shared with the io thread, whose queries must not fail: nothing to interrupt.
    const auto interrupt = [own_db] {
        if (own_db) sqlite3_interrupt(own_db->connection().getHandle());
    };
    return {warm_up, interrupt};
}

}  // namespace opinia::server
