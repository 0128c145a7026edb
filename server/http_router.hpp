// http_router: every plain HTTP request to a response — pages, static assets, and the API's route table.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include "server/json_response.hpp"
#include "server/route_table.hpp"
#include "server/static_files.hpp"
#include "store/key_store.hpp"

namespace opinia::server {

// No sockets: a request goes in, a response comes out, so every route is testable on its own.
class http_router {
public:
    http_router(const route_table& routes, store::key_store& keys, const static_files& files,
                std::function<std::int64_t()> now_ms);

    // A request's answer now, or the work that computes it on the background thread (a route
    // marked route_thread::background, once the caller's key has passed).
    struct routed_request {
        std::optional<http_response> response;
        std::function<http_response()> background;  // refers to the request, which must outlive it
    };
    routed_request route(const http_request& request);
    // route(), running any background work on the calling thread.
    http_response handle(const http_request& request);

    // A GET page computed per request (e.g. /metrics), served at exactly `path`.
    using page_handler = std::function<http_response(const http_request&)>;
    void add_page(std::string path, page_handler page) { pages_[std::move(path)] = std::move(page); }

    // Asked for requests without a Bearer key (the admin page's session cookie); see admin_login_routes.
    using session_authenticator = std::function<std::optional<store::authenticated_key>(const http_request&)>;
    void accept_sessions(session_authenticator check) { sessions_ = std::move(check); }

    // The 401 or 403 answer for a request that is not an admin's, or nothing when it is; for the
    // live feed, which is served outside the route table because its response never ends.
    std::optional<http_response> refuse_unless_admin(const http_request& request);

    // A file of an installed npm package at a fixed address (Chart.js at /assets/vendor/chart.umd.js),
    // read with the same path checks as the web root.
    void add_vendor_file(std::string path, const std::filesystem::path& file);

private:
    struct vendor_file {
        static_files folder;
        std::string name;
    };

    http_response serve(const http_request& request, const std::optional<request_target>& target);
    http_response serve_page(const http_request& request, std::string_view file, bool is_admin,
                             const static_files* folder = nullptr);
    routed_request serve_api(const http_request& request, const request_target& target);
    std::optional<store::authenticated_key> authenticate(const http_request& request);

    const route_table& routes_;
    store::key_store& keys_;
    const static_files& files_;
    std::function<std::int64_t()> now_ms_;
    std::map<std::string, vendor_file, std::less<>> vendor_files_;
    session_authenticator sessions_;
    std::map<std::string, page_handler, std::less<>> pages_;
};

}  // namespace opinia::server
