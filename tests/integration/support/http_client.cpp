// http_client: a synchronous Beast client; one connection per call.
#include "integration/support/http_client.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace opinia::testing {

http_result http_call(unsigned short port, const std::string& method, const std::string& target,
                      const std::string& body, const std::string& bearer,
                      const std::vector<std::pair<std::string, std::string>>& headers)
{
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    if (!bearer.empty()) request.set(http::field::authorization, "Bearer " + bearer);
    if (!body.empty()) request.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    http::read(stream, buffer, parser);
    const auto& response = parser.get();
    http_result result;
    result.status = static_cast<int>(response.result_int());
    result.body = response.body();
    for (const auto& field : response) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers[name] = std::string(field.value());
    }
    return result;
}

http_result http_post_json(unsigned short port, const std::string& target, const nlohmann::json& body,
                           const std::string& bearer)
{
    return http_call(port, "POST", target, body.dump(), bearer);
}

std::string create_key(const server_process& server, const std::string& role)
{
    auto out = server.run_cli({"keys", "create", "--db", server.db_path(), "--role", role});
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
}

}  // namespace opinia::testing
