// site_routes: create (the secret is shown once), list and delete sites; origins must be scheme://host[:port].
#include "server/site_routes.hpp"
#include "server/api_error.hpp"
#include "server/iso_time.hpp"
#include "server/json_response.hpp"
#include "server/origin_policy.hpp"
#include "server/request_body.hpp"

namespace opinia::server {

namespace {

constexpr std::size_t max_name_bytes = 200;
constexpr std::size_t max_origins = 50;

std::vector<std::string> read_origins(const nlohmann::json& body)
{
    std::vector<std::string> origins;
    const auto it = body.find("origins");
    if (it == body.end() || it->is_null()) return origins;
    if (!it->is_array() || it->size() > max_origins)
        throw api_error(http::status::bad_request, "invalid_origins",
                        "'origins' must be a list of at most " + std::to_string(max_origins) + " origins.");
    for (const auto& o : *it) {
        if (!o.is_string() || !is_serialized_origin(o.get<std::string>()))
            throw api_error(http::status::bad_request, "invalid_origins",
                            "Each origin must look like https://shop.example or http://host:port, got " + o.dump() + ".");
        origins.push_back(o.get<std::string>());
    }
    return origins;
}

nlohmann::json site_json(const store::site_record& s)
{
    return {{"key", s.public_key}, {"name", s.name}, {"origins", s.origins}, {"created_at", iso_time(s.created_at_ms)}};
}

}  // namespace

void add_site_routes(route_table& routes, store::site_store& sites, std::function<std::int64_t()> now_ms)
{
    routes.add(http::verb::post, "/api/v1/sites", route_access::admin, [&sites, now_ms](const api_call& call) {
        const auto body = json_object_body(call.request);
        const auto name = required_string_field(body, "name", "name", max_name_bytes);
        const auto origins = read_origins(body);
        const auto site = sites.create(name, origins, now_ms());
        auto out = site_json(site);
        out["secret"] = site.secret;  // shown once, to sign customer ids on the site's own server
        return json_response(call.request, http::status::created, out);
    });

    routes.add(http::verb::get, "/api/v1/sites", route_access::admin, [&sites](const api_call& call) {
        auto list = nlohmann::json::array();
        for (const auto& s : sites.list()) list.push_back(site_json(s));
        return json_response(call.request, http::status::ok, {{"sites", list}});
    });

    routes.add(http::verb::delete_, "/api/v1/sites/{key}", route_access::admin, [&sites](const api_call& call) {
        if (!sites.remove(call.params.at("key")))
            throw api_error(http::status::not_found, "not_found", "There is no site with this key.");
        return json_response(call.request, http::status::ok, {{"deleted", call.params.at("key")}});
    });
}

}  // namespace opinia::server
