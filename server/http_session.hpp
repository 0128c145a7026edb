// http_session: reads HTTP requests on one connection, answers them, or hands a /ws upgrade over.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <optional>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include "server/app_state.hpp"
#include "server/lingering_tcp_stream.hpp"

namespace opinia::server {

namespace beast = boost::beast;

class http_session : public std::enable_shared_from_this<http_session> {
public:
    http_session(boost::asio::ip::tcp::socket&& socket, app_state& app);
    ~http_session();
    void run();
    // Answers 429 at once, without reading a request: the address opens connections too fast.
    void refuse_too_many_connections();

private:
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void send(http_response response);
    void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
    void do_close();
    void note_request(const http_request& request);
    void log_request(const http_response& response) const;

    lingering_tcp_stream stream_;
    beast::flat_buffer buffer_;
    app_state& app_;
    std::string client_ip_;
    bool refused_ = false;   // over the per-IP connection rate: answer 429 and close
    // The request being answered, for the access log line and the X-Request-Id header.
    std::uint64_t request_id_ = 0;
    std::string request_method_;
    std::string request_path_;
    std::chrono::steady_clock::time_point request_started_;
    std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
    std::shared_ptr<http_response> response_;  // kept alive while it is written
};

}  // namespace opinia::server
