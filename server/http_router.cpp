// http_router: pages, static assets and the JSON API.
#include "server/http_router.hpp"
#include <date/date.h>
#include "metrics/score_summary.hpp"
#include "server/period_filter.hpp"
#include "server/query_string.hpp"

namespace opinia::server {

namespace {

// Pages load scripts and styles only from this server; nothing inline may run.
constexpr const char* page_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";
constexpr const char* admin_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

http_response make_response(const http_request& request, http::status status, std::string body,
                            const std::string& content_type)
{
    http_response response{status, request.version()};
    response.set(http::field::content_type, content_type);
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    add_security_headers(response);
    return response;
}

http_response json_response(const http_request& request, http::status status, const nlohmann::json& body)
{
    auto response = make_response(request, status, body.dump(), "application/json");
    response.set(http::field::cache_control, "no-store");
    return response;
}

std::string iso_time(std::int64_t ms)
{
    return date::format("%FT%TZ", date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}});
}

nlohmann::json optional_json(const std::optional<int>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void add_security_headers(http_response& response)
{
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    response.set(http::field::server, "opinia");
}

http_response json_error(const http_request& request, http::status status, const std::string& code,
                         const std::string& message)
{
    return json_response(request, status, {{"error", {{"code", code}, {"message", message}}}});
}

http_router::http_router(const bot::flow_catalog& flows, store::key_store& keys, store::metrics_query& metrics,
                         const static_files& files, std::function<std::int64_t()> now_ms)
    : flows_(flows), keys_(keys), metrics_(metrics), files_(files), now_ms_(std::move(now_ms))
{
}

http_response http_router::handle(const http_request& request)
{
    auto target = parse_request_target(request.target());
    if (!target)
        return json_error(request, http::status::bad_request, "bad_target", "The request target is not valid.");
    const auto& path = target->path;

    if (path.rfind("/api/", 0) == 0) {
        try {
            return serve_api(request, path, target->query);
        } catch (const invalid_filter& e) {
            return json_error(request, http::status::bad_request, "invalid_" + e.field(), e.what());
        }
    }
    if (request.method() != http::verb::get && request.method() != http::verb::head)
        return json_error(request, http::status::method_not_allowed, "method_not_allowed", "Only GET is served here.");
    if (path == "/healthz")
        return json_response(request, http::status::ok, {{"status", "ok"}});
    if (path == "/")
        return serve_page(request, "index.html", false);
    if (path == "/admin" || path == "/admin/")
        return serve_page(request, "admin.html", true);
    if (path == "/s" || path.rfind("/s/", 0) == 0)
        return serve_page(request, "survey.html", false);
    if (path == "/widget.js")
        return serve_page(request, "widget.js", false);
    if (path.rfind("/assets/", 0) == 0)
        return serve_page(request, path.substr(1), path.rfind("/assets/admin", 0) == 0);
    return json_error(request, http::status::not_found, "not_found", "There is nothing at " + path + ".");
}

http_response http_router::serve_page(const http_request& request, std::string_view file, bool is_admin)
{
    auto found = files_.read(file);
    if (!found)
        return json_error(request, http::status::not_found, "not_found", "There is nothing at this address.");
    auto response = make_response(request, http::status::ok, std::move(found->body), found->content_type);
    response.set("Content-Security-Policy", is_admin ? admin_csp : page_csp);
    if (is_admin) response.set("X-Frame-Options", "DENY");
    response.set(http::field::cache_control, "no-cache");
    return response;
}

std::optional<store::key_role> http_router::authenticate(const http_request& request)
{
    const auto header = request[http::field::authorization];
    constexpr std::string_view scheme = "Bearer ";
    if (header.size() <= scheme.size() || header.substr(0, scheme.size()) != scheme)
        return std::nullopt;
    return keys_.authenticate(std::string(header.substr(scheme.size())), now_ms_());
}

http_response http_router::serve_api(const http_request& request, const std::string& path,
                                     const std::map<std::string, std::string>& query)
{
    const auto param = [&](const char* name) {
        auto it = query.find(name);
        return it == query.end() ? std::string() : it->second;
    };
    const bool known = path == "/api/v1/metrics/summary" || path == "/api/v1/comments" || path == "/api/v1/flows";
    if (!known)
        return json_error(request, http::status::not_found, "not_found", "No API route " + path + ".");
    if (request.method() != http::verb::get)
        return json_error(request, http::status::method_not_allowed, "method_not_allowed", "Use GET for " + path + ".");

    const auto role = authenticate(request);
    if (!role)
        return json_error(request, http::status::unauthorized, "unauthorized",
                          "Send a valid key as 'Authorization: Bearer KEY'.");
    if (*role != store::key_role::admin)
        return json_error(request, http::status::forbidden, "forbidden", "This route needs an admin key.");

    if (path == "/api/v1/flows") {
        auto list = nlohmann::json::array();
        for (const auto& name : flows_.names())
            list.push_back({{"name", name}, {"version", flows_.find(name)->version}});
        return json_response(request, http::status::ok, {{"flows", list}});
    }

    const auto filter = make_period_filter(param("flow"), param("from"), param("to"), param("tz"));
    if (path == "/api/v1/metrics/summary")
        return json_response(request, http::status::ok, metrics::summary_json(metrics_.score_counts(filter)));

    int limit = 50;
    if (const auto text = param("limit"); !text.empty()) {
        try {
            std::size_t used = 0;
            limit = std::stoi(text, &used);
            if (used != text.size() || limit < 1 || limit > 500) throw std::out_of_range(text);
        } catch (const std::exception&) {
            return json_error(request, http::status::bad_request, "invalid_limit",
                              "'limit' must be a whole number from 1 to 500.");
        }
    }
    auto comments = nlohmann::json::array();
    for (const auto& c : metrics_.comments(filter, limit)) {
        comments.push_back({{"conversation", c.conversation_id}, {"flow", c.flow}, {"step", c.step},
                            {"text", c.text}, {"nps", optional_json(c.nps)}, {"csat", optional_json(c.csat)},
                            {"ces", optional_json(c.ces)}, {"created_at", iso_time(c.created_at_ms)}});
    }
    return json_response(request, http::status::ok, {{"comments", comments}});
}

}  // namespace opinia::server
