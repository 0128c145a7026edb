// lingering_tcp_stream: a beast::tcp_stream whose teardown reads until the client has stopped sending.
// Closing a socket with input still arriving makes the kernel reset the connection, and the client loses
// our last words with it: a 413 answer, or a WebSocket close frame (1009, 1007). Beast 1.74's own
// WebSocket teardown reads one chunk only, so this one replaces it.
#pragma once
#include <array>
#include <chrono>
#include <memory>
#include <boost/asio/compose.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket/teardown.hpp>

namespace opinia::server {

class lingering_tcp_stream : public boost::beast::tcp_stream {
public:
    explicit lingering_tcp_stream(boost::beast::tcp_stream&& stream) : boost::beast::tcp_stream(std::move(stream)) {}

    static constexpr std::chrono::seconds linger_time{2};
    static constexpr std::size_t max_linger_bytes = 16 * 1024 * 1024;
};

namespace detail {

class lingering_teardown_op {
public:
    explicit lingering_teardown_op(lingering_tcp_stream& stream) : stream_(stream) {}

    template <class Self>
    void operator()(Self& self, boost::beast::error_code ec = {}, std::size_t bytes = 0)
    {
        if (!started_) {
            started_ = true;
            stream_.socket().shutdown(boost::asio::socket_base::shutdown_send, ec);
            stream_.expires_after(lingering_tcp_stream::linger_time);
            return stream_.async_read_some(boost::asio::buffer(*buffer_), std::move(self));
        }
        drained_ += bytes;
        if (!ec && drained_ <= lingering_tcp_stream::max_linger_bytes)
            return stream_.async_read_some(boost::asio::buffer(*buffer_), std::move(self));
        boost::beast::error_code ignored;
        stream_.socket().close(ignored);
        // The end of input, or patience run out: either way the connection is torn down.
        self.complete(ec == boost::asio::error::eof || ec == boost::beast::error::timeout ? boost::beast::error_code{} : ec);
    }

private:
    lingering_tcp_stream& stream_;
    std::unique_ptr<std::array<char, 4096>> buffer_ = std::make_unique<std::array<char, 4096>>();
    std::size_t drained_ = 0;
    bool started_ = false;
};

}  // namespace detail

// Found by argument-dependent lookup from Beast's WebSocket close and failure paths (a better match than
// Beast's overload for basic_stream), and called by http_session after its last answer. Server role only.
template <class TeardownHandler>
auto async_teardown(boost::beast::role_type, lingering_tcp_stream& stream, TeardownHandler&& handler)
{
    return boost::asio::async_compose<TeardownHandler, void(boost::beast::error_code)>(
        detail::lingering_teardown_op(stream), handler, stream);
}

}  // namespace opinia::server
