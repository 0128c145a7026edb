// http_router: pages and static assets by fixed names; API calls through the route table with key checks.
#include "server/http_router.hpp"
#include <boost/beast/core/string.hpp>
#include "server/api_error.hpp"
#include "server/period_filter.hpp"
#include "server/server_log.hpp"

namespace opinia::server {

namespace {

// Pages load scripts and styles only from this server; nothing inline may run.
constexpr const char* page_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";
constexpr const char* admin_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

}  // namespace

http_router::http_router(const route_table& routes, store::key_store& keys, const static_files& files,
                         std::function<std::int64_t()> now_ms)
    : routes_(routes), keys_(keys), files_(files), now_ms_(std::move(now_ms))
{
}

http_response http_router::handle(const http_request& request)
{
    auto routed = route(request);
    return routed.response ? std::move(*routed.response) : routed.background();
}

http_router::routed_request http_router::route(const http_request& request)
{
    auto target = parse_request_target(request.target());
    if (target && target->path.rfind("/api/", 0) == 0) return serve_api(request, *target);
    return {serve(request, target), {}};
}

http_response http_router::serve(const http_request& request, const std::optional<request_target>& target)
{
    if (!target)
        return json_error(request, http::status::bad_request, "bad_target", "The request target is not valid.");
    const auto& path = target->path;

    if (request.method() != http::verb::get && request.method() != http::verb::head)
        return json_error(request, http::status::method_not_allowed, "method_not_allowed", "Only GET is served here.");
    if (auto page = pages_.find(path); page != pages_.end())
        return page->second(request);
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
    if (auto vendor = vendor_files_.find(path); vendor != vendor_files_.end())
        return serve_page(request, vendor->second.name, false, &vendor->second.folder);
    if (path.rfind("/assets/", 0) == 0)
        return serve_page(request, path.substr(1), path.rfind("/assets/admin", 0) == 0);
    return json_error(request, http::status::not_found, "not_found", "There is nothing at " + path + ".");
}

void http_router::add_vendor_file(std::string path, const std::filesystem::path& file)
{
    vendor_files_.insert_or_assign(std::move(path), vendor_file{static_files(file.parent_path()), file.filename().string()});
}

http_response http_router::serve_page(const http_request& request, std::string_view file, bool is_admin,
                                      const static_files* folder)
{
    auto found = (folder ? *folder : files_).read(file);
    if (!found)
        return json_error(request, http::status::not_found, "not_found", "There is nothing at this address.");
    auto response = make_response(request, http::status::ok, std::move(found->body), found->content_type);
    response.set("Content-Security-Policy", is_admin ? admin_csp : page_csp);
    if (is_admin) response.set("X-Frame-Options", "DENY");
    response.set(http::field::cache_control, "no-cache");
    return response;
}

std::optional<store::authenticated_key> http_router::authenticate(const http_request& request)
{
    const auto header = request[http::field::authorization];
    if (header.empty() && sessions_) return sessions_(request);
    constexpr std::string_view scheme = "Bearer ";
    // The scheme's name is case-insensitive (RFC 9110 §11.1): "bearer" is Bearer too.
    if (header.size() <= scheme.size() || !boost::beast::iequals(header.substr(0, scheme.size()), scheme))
        return std::nullopt;
    return keys_.authenticate(std::string(header.substr(scheme.size())), now_ms_());
}

std::optional<http_response> http_router::refuse_unless_admin(const http_request& request)
{
    const auto key = authenticate(request);
    if (!key)
        return json_error(request, http::status::unauthorized, "unauthorized", "Sign in, or send 'Authorization: Bearer KEY'.");
    if (key->role != store::key_role::admin)
        return json_error(request, http::status::forbidden, "forbidden", "This route needs an admin key.");
    return std::nullopt;
}

namespace {
// Runs a handler, turning what it throws into this request's error answer.
http_response run_handler(const api_handler& handler, const api_call& call)
{
    try {
        return handler(call);
    } catch (const api_error& e) {
        return json_error(call.request, e.status(), e.code(), e.what());
    } catch (const invalid_filter& e) {
        return json_error(call.request, http::status::bad_request, "invalid_" + e.field(), e.what());
    } catch (const std::exception& e) {
        // A failing handler answers this request only; the server keeps serving.
        log_event("error", "api_handler_failed", {{"path", call.target.path}, {"error", e.what()}});
        return json_error(call.request, http::status::internal_server_error, "internal_error",
                          "The server could not answer this request.");
    }
}
}  // namespace

http_router::routed_request http_router::serve_api(const http_request& request, const request_target& target)
{
    route_table::match match;
    switch (routes_.find(request.method(), target.path, match)) {
    case route_table::lookup::no_such_path:
        return {json_error(request, http::status::not_found, "not_found", "No API route " + target.path + "."), {}};
    case route_table::lookup::wrong_method:
        return {json_error(request, http::status::method_not_allowed, "method_not_allowed",
                           std::string(request.method_string()) + " is not served at " + target.path + "."),
                {}};
    case route_table::lookup::found:
        break;
    }

    std::optional<store::key_role> role;
    std::int64_t key_id = 0;
    if (match.access != route_access::open) {
        const auto key = authenticate(request);
        if (!key)
            return {json_error(request, http::status::unauthorized, "unauthorized",
                               "Send a valid key as 'Authorization: Bearer KEY'."),
                    {}};
        if (match.access == route_access::admin && key->role != store::key_role::admin)
            return {json_error(request, http::status::forbidden, "forbidden", "This route needs an admin key."), {}};
        role = key->role;
        key_id = key->id;
    }
    auto run = [&request, target, params = std::move(match.params), role, key_id, handler = match.handler] {
        return run_handler(*handler, api_call{request, target, params, role, key_id});
    };
    if (match.thread == route_thread::background) return {std::nullopt, std::move(run)};
    return {run(), {}};
}

}  // namespace opinia::server
