// chat_client: Beast's synchronous WebSocket client with read timeouts.
#include "integration/support/chat_client.hpp"
#include <stdexcept>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace opinia::testing {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

struct chat_client::impl {
    net::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
    beast::flat_buffer buffer;
    bool closed = false;
    int close_code = 0;

    // Reads one frame within the timeout; false on timeout.
    bool read_one(std::chrono::milliseconds timeout, beast::error_code& ec)
    {
        bool done = false;
        ws.async_read(buffer, [&](beast::error_code e, std::size_t) { ec = e; done = true; });
        ioc.restart();
        ioc.run_for(timeout);
        if (!done) {
            beast::get_lowest_layer(ws).cancel();
            ioc.restart();
            ioc.run();
            return false;
        }
        return true;
    }
};

chat_client::chat_client(unsigned short port, const std::string& origin) : impl_(std::make_unique<impl>())
{
    beast::get_lowest_layer(impl_->ws).connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    if (!origin.empty()) {
        impl_->ws.set_option(websocket::stream_base::decorator(
            [origin](websocket::request_type& req) { req.set(beast::http::field::origin, origin); }));
    }
    impl_->ws.read_message_max(64 * 1024 * 1024 + 1024);
    impl_->ws.handshake("127.0.0.1:" + std::to_string(port), "/ws");
}

chat_client::~chat_client()
{
    beast::error_code ec;
    if (!impl_->closed) impl_->ws.close(websocket::close_code::normal, ec);
}

void chat_client::send(const nlohmann::json& message)
{
    send_raw_text(message.dump());
}

void chat_client::send_raw_text(const std::string& text)
{
    impl_->ws.text(true);
    impl_->ws.write(net::buffer(text));
}

void chat_client::send_binary(const std::string& bytes)
{
    impl_->ws.binary(true);
    impl_->ws.write(net::buffer(bytes));
}

void chat_client::send_frame_header(std::uint64_t length)
{
    std::string frame;
    frame.push_back(static_cast<char>(0x81));        // FIN, text
    frame.push_back(static_cast<char>(0x80 | 127));  // masked, 64-bit length follows
    for (int shift = 56; shift >= 0; shift -= 8) frame.push_back(static_cast<char>((length >> shift) & 0xff));
    frame += std::string("\x11\x22\x33\x44", 4);    // mask key
    frame += std::string(1024, 'a');                  // the start of the payload
    net::write(beast::get_lowest_layer(impl_->ws).socket(), net::buffer(frame));
}

void chat_client::send_fragmented(const std::string& text, std::size_t fragment_bytes)
{
    impl_->ws.text(true);
    impl_->ws.auto_fragment(false);
    for (std::size_t at = 0; at < text.size(); at += fragment_bytes) {
        const auto n = std::min(fragment_bytes, text.size() - at);
        beast::error_code ec;
        impl_->ws.write_some(at + n == text.size(), net::buffer(text.data() + at, n), ec);
        if (ec) return;  // the server closed the socket part-way: the test reads the close code
    }
}

nlohmann::json chat_client::receive(std::chrono::milliseconds timeout)
{
    beast::error_code ec;
    if (!impl_->read_one(timeout, ec)) throw std::runtime_error("no message within the timeout");
    if (ec) {
        impl_->closed = true;
        impl_->close_code = impl_->ws.reason().code;
        throw std::runtime_error("socket closed: " + ec.message());
    }
    auto text = beast::buffers_to_string(impl_->buffer.data());
    impl_->buffer.consume(impl_->buffer.size());
    return nlohmann::json::parse(text);
}

std::vector<nlohmann::json> chat_client::receive_until(const std::string& type, std::chrono::milliseconds timeout)
{
    std::vector<nlohmann::json> out;
    for (;;) {
        out.push_back(receive(timeout));
        if (out.back().value("type", "") == type) return out;
    }
}

std::optional<int> chat_client::wait_closed(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        beast::error_code ec;
        if (!impl_->read_one(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 deadline - std::chrono::steady_clock::now()), ec))
            return std::nullopt;
        if (ec) {
            impl_->closed = true;
            return static_cast<int>(impl_->ws.reason().code);
        }
        impl_->buffer.consume(impl_->buffer.size());
    }
    return std::nullopt;
}

int upgrade_status(unsigned short port, const std::string& origin)
{
    namespace http = beast::http;
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> req{http::verb::get, "/ws", 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    req.set(http::field::upgrade, "websocket");
    req.set(http::field::connection, "Upgrade");
    req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    req.set(http::field::sec_websocket_version, "13");
    if (!origin.empty()) req.set(http::field::origin, origin);
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> parser;
    parser.skip(true);  // a 101 has no body to wait for
    http::read_header(stream, buffer, parser);
    return static_cast<int>(parser.get().result_int());
}

}  // namespace opinia::testing
