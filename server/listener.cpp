// listener: the accept loop.
#include "server/listener.hpp"
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include "server/http_session.hpp"
#include "server/server_log.hpp"

namespace opinia::server {

listener::listener(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint, app_state& app)
    : ioc_(ioc), acceptor_(ioc), app_(app)
{
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(boost::asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(boost::asio::socket_base::max_listen_connections);
}

void listener::run()
{
    do_accept();
}

void listener::stop()
{
    boost::beast::error_code ec;
    acceptor_.close(ec);
}

void listener::do_accept()
{
    acceptor_.async_accept(boost::asio::make_strand(ioc_),
                           boost::beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket)
{
    if (ec == boost::asio::error::operation_aborted) return;  // stopped
    if (ec) {
        log_failure(ec, "accept");
    } else {
        boost::beast::error_code peer_ec;
        const auto ip = socket.remote_endpoint(peer_ec).address().to_string();
        // A chat is many small messages each way: without this, Nagle's algorithm holds a reply back
        // until the client's delayed ACK (about 40 ms a step).
        socket.set_option(boost::asio::ip::tcp::no_delay(true), peer_ec);
        auto session = std::make_shared<http_session>(std::move(socket), app_);
        if (app_.limiter.allow_connection(ip, system_now_ms()))
            session->run();
        else
            session->refuse_too_many_connections();
    }
    do_accept();
}

}  // namespace opinia::server
