// webhook_sender: async Beast operations run to completion on a private io_context; the stream's own
// deadline bounds the whole exchange, so a silent receiver cannot hold the dispatcher.
#include "server/webhook_sender.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include "server/http_url.hpp"
#include "store/secret_token.hpp"

namespace opinia::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr std::size_t max_response_body_bytes = 64 * 1024;   // receivers' answers are read, then ignored

// Starts one async operation with a handler that records its error, and runs the io_context until it ends.
// An io_context stopped by abort() returns before the handler ran: the result stays "aborted".
template <class Start>
beast::error_code run_operation(boost::asio::io_context& ioc, const std::atomic<bool>& aborted, Start start)
{
    beast::error_code result = boost::asio::error::operation_aborted;
    if (aborted) return result;  // aborted between two operations; restart() would undo its stop()
    ioc.restart();
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.run();
    return result;
}

template <class Stream>
beast::error_code exchange(boost::asio::io_context& ioc, const std::atomic<bool>& aborted, Stream& stream, http::request<http::string_body>& request,
                           int& status)
{
    if (auto ec = run_operation(ioc, aborted, [&](auto handler) { http::async_write(stream, request, handler); })) return ec;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(max_response_body_bytes);
    auto ec = run_operation(ioc, aborted, [&](auto handler) { http::async_read(stream, buffer, parser, handler); });
    if (parser.is_header_done()) status = static_cast<int>(parser.get().result_int());
    return status ? beast::error_code{} : ec;
}

}  // namespace

std::string webhook_signature(const std::string& secret, std::int64_t unix_seconds, const std::string& body)
{
    const auto t = std::to_string(unix_seconds);
    return "t=" + t + ",v1=" + store::hmac_sha256_hex(secret, t + "." + body);
}

webhook_sender::webhook_sender(std::chrono::milliseconds timeout) : tls_(ssl::context::tls_client), timeout_(timeout)
{
    tls_.set_default_verify_paths();
    tls_.set_verify_mode(ssl::verify_peer);
}

void webhook_sender::abort()
{
    aborted_ = true;
    ioc_.stop();
}

store::delivery_attempt webhook_sender::send(const store::webhook_delivery& delivery, std::int64_t now_ms)
{
    store::delivery_attempt attempt;
    attempt.attempted_at_ms = now_ms;
    const auto started = std::chrono::steady_clock::now();
    const auto finish = [&](std::string error) {
        attempt.error = std::move(error);
        attempt.duration_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        return attempt;
    };
    if (aborted_) return finish("aborted");
    const auto url = parse_http_url(delivery.url);
    if (!url) return finish("not an http(s) URL");

    http::request<http::string_body> request{http::verb::post, url->target, 11};
    request.set(http::field::host, url->host);
    request.set(http::field::user_agent, "opinia-webhooks");
    request.set(http::field::content_type, "application/json");
    request.set("Opinia-Event", delivery.event_type);
    request.set("Opinia-Delivery", delivery.event_id);
    request.set("Opinia-Signature", webhook_signature(delivery.secret, now_ms / 1000, delivery.body));
    request.body() = delivery.body;
    request.prepare_payload();

    beast::error_code ec;
    tcp::resolver resolver(ioc_);
    const auto endpoints = resolver.resolve(url->host, url->port, ec);
    if (ec) return finish("cannot resolve " + url->host + ": " + ec.message());

    int status = 0;
    if (url->tls) {
        beast::ssl_stream<beast::tcp_stream> stream(ioc_, tls_);
        if (!SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str()))
            return finish("cannot set the TLS server name");
        stream.set_verify_callback(ssl::host_name_verification(url->host));
        beast::get_lowest_layer(stream).expires_after(timeout_);
        ec = run_operation(ioc_, aborted_, [&](auto handler) { beast::get_lowest_layer(stream).async_connect(endpoints, handler); });
        if (!ec) ec = run_operation(ioc_, aborted_, [&](auto handler) { stream.async_handshake(ssl::stream_base::client, handler); });
        if (!ec) ec = exchange(ioc_, aborted_, stream, request, status);
    } else {
        beast::tcp_stream stream(ioc_);
        stream.expires_after(timeout_);
        ec = run_operation(ioc_, aborted_, [&](auto handler) { stream.async_connect(endpoints, handler); });
        if (!ec) ec = exchange(ioc_, aborted_, stream, request, status);
    }
    if (status) attempt.status_code = status;
    if (ec) return finish(ec == beast::error::timeout ? "timed out" : ec.message());
    if (status < 200 || status > 299) return finish("HTTP " + std::to_string(status));
    return finish("");
}

}  // namespace opinia::server
