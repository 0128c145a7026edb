// key_routes: key management over the API, mirroring `opinia keys create`.
#include "server/key_routes.hpp"
#include "server/api_error.hpp"
#include "server/iso_time.hpp"
#include "server/json_response.hpp"
#include "server/request_body.hpp"

namespace opinia::server {

namespace {

constexpr std::size_t max_name_bytes = 200;

nlohmann::json optional_time(const std::optional<std::int64_t>& ms)
{
    return ms ? nlohmann::json(iso_time(*ms)) : nlohmann::json(nullptr);
}

nlohmann::json key_json(const store::key_info& k)
{
    return {{"id", k.id}, {"name", k.name}, {"role", store::to_string(k.role)},
            {"created_at", iso_time(k.created_at_ms)}, {"last_used_at", optional_time(k.last_used_at_ms)},
            {"revoked_at", optional_time(k.revoked_at_ms)}};
}

}  // namespace

void add_key_routes(route_table& routes, store::key_store& keys, std::function<std::int64_t()> now_ms)
{
    routes.add(http::verb::post, "/api/v1/keys", route_access::admin, [&keys, now_ms](const api_call& call) {
        const auto body = json_object_body(call.request);
        const auto role_text = required_string_field(body, "role", "role", 16);
        const auto role = store::parse_key_role(role_text);
        if (!role)
            throw api_error(http::status::bad_request, "invalid_role", "'role' must be \"admin\" or \"agent\".");
        const auto name = optional_string_field(body, "name", "name", max_name_bytes).value_or("unnamed");
        const auto created = keys.create(*role, name, now_ms());
        auto out = key_json(*keys.find(created.id));
        out["key"] = created.key;  // shown once; only its hash is stored
        return json_response(call.request, http::status::created, out);
    });

    routes.add(http::verb::get, "/api/v1/keys", route_access::admin, [&keys](const api_call& call) {
        auto list = nlohmann::json::array();
        for (const auto& k : keys.list()) list.push_back(key_json(k));
        return json_response(call.request, http::status::ok, {{"keys", list}});
    });

    routes.add(http::verb::delete_, "/api/v1/keys/{id}", route_access::admin, [&keys, now_ms](const api_call& call) {
        const auto id = positive_id(call.params.at("id"), "id");
        if (id == call.key_id)
            throw api_error(http::status::conflict, "own_key", "A key cannot revoke itself; use another admin key.");
        if (!keys.revoke(id, now_ms()))
            throw api_error(http::status::not_found, "not_found", "There is no unrevoked key #" + std::to_string(id) + ".");
        return json_response(call.request, http::status::ok, key_json(*keys.find(id)));
    });
}

}  // namespace opinia::server
