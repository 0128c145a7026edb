// json_response: the shapes every HTTP answer takes — JSON bodies, JSON errors, security headers.
#pragma once
#include <string>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace opinia::server {

namespace http = boost::beast::http;
using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

http_response make_response(const http_request& request, http::status status, std::string body,
                            const std::string& content_type);

// A JSON body, never cached (it may hold private data).
http_response json_response(const http_request& request, http::status status, const nlohmann::json& body);

// {"error":{"code","message"}} with the given status.
http_response json_error(const http_request& request, http::status status, const std::string& code,
                         const std::string& message);

// Headers every response carries (nosniff, referrer policy, server name).
void add_security_headers(http_response& response);

}  // namespace opinia::server
