// listener: accepts TCP connections and starts an http_session for each.
#pragma once
#include <memory>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include "server/app_state.hpp"

namespace opinia::server {

class listener : public std::enable_shared_from_this<listener> {
public:
    // Binds and listens at once, so the real port is known before run(); throws on failure.
    listener(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint, app_state& app);

    void run();
    void stop();
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    app_state& app_;
};

}  // namespace opinia::server
