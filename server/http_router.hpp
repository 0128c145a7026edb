// http_router: every plain HTTP route as a function from request to response — no sockets involved.
#pragma once
#include <functional>
#include <optional>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include "bot/flow_catalog.hpp"
#include "server/static_files.hpp"
#include "store/key_store.hpp"
#include "store/metrics_query.hpp"

namespace opinia::server {

namespace http = boost::beast::http;
using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

class http_router {
public:
    http_router(const bot::flow_catalog& flows, store::key_store& keys, store::metrics_query& metrics,
                const static_files& files, std::function<std::int64_t()> now_ms);

    http_response handle(const http_request& request);

private:
    http_response serve_page(const http_request& request, std::string_view file, bool is_admin);
    http_response serve_api(const http_request& request, const std::string& path,
                            const std::map<std::string, std::string>& query);
    std::optional<store::key_role> authenticate(const http_request& request);

    const bot::flow_catalog& flows_;
    store::key_store& keys_;
    store::metrics_query& metrics_;
    const static_files& files_;
    std::function<std::int64_t()> now_ms_;
};

// A JSON error body {"error":{"code","message"}} with the given status.
http_response json_error(const http_request& request, http::status status, const std::string& code,
                         const std::string& message);

// Headers every response carries (nosniff, referrer policy, no caching of private data).
void add_security_headers(http_response& response);

}  // namespace opinia::server
