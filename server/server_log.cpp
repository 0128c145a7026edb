// server_log: JSON lines on stderr.
#include "server/server_log.hpp"
#include <chrono>
#include <iostream>
#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <date/date.h>

namespace opinia::server {

void log_event(std::string_view level, std::string_view event, const nlohmann::json& fields)
{
    nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    line["time"] = date::format("%FT%TZ", now);
    line["level"] = level;
    line["event"] = event;
    // One write per line: the background thread logs too, and lines must not interleave.
    std::cerr << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

void log_failure(boost::beast::error_code ec, std::string_view what)
{
    namespace net = boost::asio;
    if (ec == net::error::operation_aborted || ec == net::error::eof || ec == net::error::connection_reset ||
        ec == boost::beast::error::timeout || ec == boost::beast::websocket::error::closed)
        return;
    log_event("warn", "socket_error", {{"what", what}, {"error", ec.message()}});
}

}  // namespace opinia::server
