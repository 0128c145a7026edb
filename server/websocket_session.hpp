// websocket_session: one chat socket — handshake, read loop, and a bounded write queue.
#pragma once
#include <deque>
#include <memory>
#include <string>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include "server/chat_peer.hpp"
#include "server/lingering_tcp_stream.hpp"
#include "server/app_state.hpp"

namespace opinia::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

class websocket_session : public chat_peer, public std::enable_shared_from_this<websocket_session> {
public:
    // Holds one of `client_ip`'s chat socket places (taken from app.limiter by the caller) until destroyed.
    websocket_session(lingering_tcp_stream&& stream, app_state& app, std::string client_ip);
    ~websocket_session() override;

    // Accepts the upgrade request that the HTTP session already read.
    void run(beast::http::request<beast::http::string_body> upgrade);

    void send(const nlohmann::json& message) override;
    void close(unsigned short code, const std::string& reason) override;

private:
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void do_write();
    void on_write(beast::error_code ec, std::size_t bytes);
    void do_close();

    websocket::stream<lingering_tcp_stream> ws_;
    beast::flat_buffer buffer_;
    app_state& app_;
    chat_service& chat_;
    const server_settings& settings_;
    std::string client_ip_;
    std::deque<std::string> queue_;
    bool writing_ = false;
    bool closing_ = false;
    websocket::close_reason close_reason_;
};

}  // namespace opinia::server
