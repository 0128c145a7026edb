// route_table: the JSON API's routes — method, path pattern, who may call it, and the handler.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <boost/beast/http.hpp>
#include "server/query_string.hpp"
#include "store/key_store.hpp"

namespace opinia::server {

namespace http = boost::beast::http;
using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

// Who may call a route: anyone, an agent or admin key, or an admin key only.
enum class route_access { open, agent, admin };

// Where a handler runs: on the io thread with the chats, or on the background thread for reads
// that can take long (metric views), so that chats never wait for them.
enum class route_thread { io, background };

// What a handler gets besides the raw request.
struct api_call {
    const http_request& request;
    const request_target& target;                // path and decoded query
    std::map<std::string, std::string> params;    // captured {name} segments of the pattern
    std::optional<store::key_role> role;          // the caller's role (none on open routes)
    std::int64_t key_id = 0;                      // the caller's key, when there is one

    std::string query(const std::string& name) const { return target.param(name); }
};

using api_handler = std::function<http_response(const api_call&)>;

class route_table {
public:
    // `pattern` is an exact path whose segments may be "{name}", e.g. "/api/v1/conversations/{id}".
    void add(http::verb method, std::string pattern, route_access access, api_handler handler,
             route_thread thread = route_thread::io);

    struct match {
        route_access access;
        const api_handler* handler;
        std::map<std::string, std::string> params;
        route_thread thread = route_thread::io;
    };
    enum class lookup { found, no_such_path, wrong_method };

    lookup find(http::verb method, const std::string& path, match& out) const;

    // Every route as (method, pattern), e.g. for checking the OpenAPI document against them.
    std::vector<std::pair<std::string, std::string>> list() const;

private:
    struct route {
        http::verb method;
        std::string pattern;
        std::vector<std::string> segments;
        route_access access;
        api_handler handler;
        route_thread thread;
    };
    std::vector<route> routes_;
};

}  // namespace opinia::server
