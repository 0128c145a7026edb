// admin_login_routes: admin sign-in with a password or an admin key, giving a session cookie; sign-out.
#pragma once
#include <cstdint>
#include <optional>
#include "server/route_table.hpp"
#include "store/admin_session_store.hpp"
#include "store/key_store.hpp"

namespace opinia::server {

struct admin_login_settings {
    std::int64_t session_lifetime_ms = 12LL * 60 * 60 * 1000;   // signed out after 12 hours
    std::size_t max_body_bytes = 4096;                            // a login body is tiny
    // Wrong passwords, server-wide: each check is ~100 ms of scrypt on the io thread that serves the chats.
    double password_attempts_per_second = 0.5;
    double password_attempt_burst = 10;
};

// POST /api/v1/admin/login {"password"} or {"key"}, POST /api/v1/admin/logout, GET /api/v1/admin/session.
void add_admin_login_routes(route_table& routes, store::admin_session_store& sessions, store::key_store& keys,
                            std::function<std::int64_t()> now_ms, admin_login_settings settings = {});

// What http_router asks when a request carries no Bearer key: the admin behind the session cookie, if
// any. Requests that change state (not GET/HEAD) must also come from the server's own Origin (CSRF).
std::optional<store::authenticated_key> authenticate_admin_cookie(const http_request& request,
                                                                  store::admin_session_store& sessions,
                                                                  std::int64_t now_ms);

}  // namespace opinia::server
