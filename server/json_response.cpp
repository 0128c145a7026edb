// json_response: response builders shared by every route.
#include "server/json_response.hpp"

namespace opinia::server {

void add_security_headers(http_response& response)
{
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    response.set(http::field::server, "opinia");
}

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
    // Text from customers may hold invalid UTF-8 only through a bug; never let it break the reply.
    auto response = make_response(request, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                                  "application/json");
    response.set(http::field::cache_control, "no-store");
    return response;
}

http_response json_error(const http_request& request, http::status status, const std::string& code,
                         const std::string& message)
{
    return json_response(request, status, {{"error", {{"code", code}, {"message", message}}}});
}

}  // namespace opinia::server
