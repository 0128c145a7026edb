// admin_login_routes: the session cookie's life — set on sign-in, checked per request, cleared on sign-out.
#include "server/admin_login_routes.hpp"
#include <memory>
#include "bot/untrusted_json.hpp"
#include "server/attempt_budget.hpp"
#include "server/json_response.hpp"
#include "server/origin_policy.hpp"

namespace opinia::server {

namespace {

constexpr std::string_view cookie_name = "opinia_admin";

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "".
std::string cookie_value(std::string_view header, std::string_view name)
{
    while (!header.empty()) {
        const auto semicolon = header.find(';');
        auto pair = header.substr(0, semicolon);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        if (semicolon == std::string_view::npos) break;
        header.remove_prefix(semicolon + 1);
    }
    return {};
}

// Opinia itself speaks plain HTTP; behind a TLS proxy the proxy says so, and the cookie must then be Secure.
bool behind_tls(const http_request& request)
{
    return request["X-Forwarded-Proto"] == "https";
}

std::string session_cookie(const http_request& request, const std::string& value, std::int64_t max_age_s)
{
    return std::string(cookie_name) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(max_age_s) + (behind_tls(request) ? "; Secure" : "");
}

// Browsers send Origin on every POST; one that is not this server's is a cross-site request.
bool from_own_origin(const http_request& request)
{
    const auto origin = request[http::field::origin];
    return !origin.empty() && origin != "null" && is_origin_allowed(origin, request[http::field::host], {});
}

http_response signed_in(const http_request& request, store::admin_session_store& sessions, std::int64_t key_id,
                        std::int64_t now, const admin_login_settings& settings, const char* method)
{
    const auto created = sessions.create(key_id, now, settings.session_lifetime_ms);
    auto response = json_response(request, http::status::ok,
                                  {{"status", "signed_in"}, {"method", method},
                                   {"expires_in_s", settings.session_lifetime_ms / 1000}});
    response.set(http::field::set_cookie, session_cookie(request, created.token, settings.session_lifetime_ms / 1000));
    return response;
}

}  // namespace

std::optional<store::authenticated_key> authenticate_admin_cookie(const http_request& request,
                                                                  store::admin_session_store& sessions,
                                                                  std::int64_t now_ms)
{
    const auto token = cookie_value(request[http::field::cookie], cookie_name);
    if (token.empty()) return std::nullopt;
    const bool changes_state = request.method() != http::verb::get && request.method() != http::verb::head;
    if (changes_state && !from_own_origin(request)) return std::nullopt;
    const auto session = sessions.find(token, now_ms);
    if (!session) return std::nullopt;
    return store::authenticated_key{session->key_id, store::key_role::admin};
}

void add_admin_login_routes(route_table& routes, store::admin_session_store& sessions, store::key_store& keys,
                            std::function<std::int64_t()> now_ms, admin_login_settings settings)
{
    auto password_budget = std::make_shared<attempt_budget>(settings.password_attempts_per_second,
                                                            settings.password_attempt_burst);
    routes.add(http::verb::post, "/api/v1/admin/login", route_access::open,
               [&sessions, &keys, now_ms, settings, password_budget](const api_call& call) {
        const auto& request = call.request;
        // Login CSRF: another site must not sign a victim's browser into an account of its choosing.
        if (!from_own_origin(request))
            return json_error(request, http::status::forbidden, "origin_not_allowed",
                              "Sign in from this server's own admin page.");
        if (request.body().size() > settings.max_body_bytes)
            return json_error(request, http::status::payload_too_large, "too_large", "The sign-in body is too large.");
        const auto body = bot::parse_untrusted_json(request.body());
        if (body.is_discarded() || !body.is_object())
            return json_error(request, http::status::bad_request, "invalid_json", "Send {\"password\"} or {\"key\"}.");
        const auto now = now_ms();
        if (body.contains("password") && body["password"].is_string()) {
            if (!password_budget->allows(now)) {
                auto refused = json_error(request, http::status::too_many_requests, "too_many_attempts",
                                          "Too many wrong passwords. Please wait a moment, or sign in with an admin key.");
                refused.set(http::field::retry_after, std::to_string((password_budget->wait_ms(now) + 999) / 1000));
                return refused;
            }
            if (!sessions.check_password(body["password"].get<std::string>())) {
                password_budget->record_failure(now);
                return json_error(request, http::status::unauthorized, "wrong_password",
                                  "That password is not right (or none is set: opinia admin set-password).");
            }
            return signed_in(request, sessions, 0, now, settings, "password");
        }
        if (body.contains("key") && body["key"].is_string()) {
            const auto key = keys.authenticate(body["key"].get<std::string>(), now);
            if (!key)
                return json_error(request, http::status::unauthorized, "unauthorized", "That key was not accepted.");
            if (key->role != store::key_role::admin)
                return json_error(request, http::status::forbidden, "forbidden", "That key is not an admin key.");
            return signed_in(request, sessions, key->id, now, settings, "key");
        }
        return json_error(request, http::status::bad_request, "invalid_json", "Send {\"password\"} or {\"key\"}.");
    });

    routes.add(http::verb::post, "/api/v1/admin/logout", route_access::open,
               [&sessions, now_ms](const api_call& call) {
        const auto& request = call.request;
        if (!from_own_origin(request))
            return json_error(request, http::status::forbidden, "origin_not_allowed",
                              "Sign out from this server's own admin page.");
        const auto token = cookie_value(request[http::field::cookie], cookie_name);
        if (!token.empty()) sessions.end(token, now_ms());
        auto response = json_response(request, http::status::ok, {{"status", "signed_out"}});
        response.set(http::field::set_cookie, session_cookie(request, "", 0));
        return response;
    });

    routes.add(http::verb::get, "/api/v1/admin/session", route_access::admin, [](const api_call& call) {
        const bool by_cookie = call.request[http::field::authorization].empty();
        return json_response(call.request, http::status::ok,
                             {{"status", "signed_in"}, {"via", by_cookie ? "session" : "key"}});
    });
}

}  // namespace opinia::server
