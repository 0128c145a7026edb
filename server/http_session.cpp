// http_session: Beast's keep-alive loop with header and body limits from server_settings.
#include "server/http_session.hpp"
#include <atomic>
#include <cmath>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>
#include "server/origin_policy.hpp"
#include "server/server_log.hpp"
#include "server/websocket_session.hpp"

namespace opinia::server {

namespace {

// Request ids count up per process; with the time of the log line they find one request.
std::atomic<std::uint64_t> last_request_id{0};

// Survey tokens are secrets: the access log keeps the route, not the token; query strings are left out.
std::string loggable_path(std::string_view target)
{
    const auto path = target.substr(0, target.find('?'));
    if (path.rfind("/s/", 0) == 0) return "/s/…";
    return std::string(path.substr(0, 200));
}

}  // namespace

http_session::http_session(boost::asio::ip::tcp::socket&& socket, app_state& app)
    : stream_(beast::tcp_stream(std::move(socket))), app_(app)
{
    beast::error_code ec;
    client_ip_ = stream_.socket().remote_endpoint(ec).address().to_string();
    app_.connections.http_opened();
}

http_session::~http_session()
{
    app_.connections.http_closed();
}

void http_session::refuse_too_many_connections()
{
    // The request is still read (within the usual limits), so the client surely sees the 429 and not a reset.
    app_.stats.error("connection_rate_limited");
    refused_ = true;
    run();
}

void http_session::run()
{
    boost::asio::dispatch(stream_.get_executor(),
                          beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::note_request(const http_request& request)
{
    request_id_ = ++last_request_id;
    request_method_ = std::string(request.method_string());
    request_path_ = loggable_path(request.target());
}

void http_session::log_request(const http_response& response) const
{
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started_);
    log_event("info", "http_request", {{"request_id", request_id_}, {"method", request_method_},
                                       {"path", request_path_}, {"status", response.result_int()},
                                       {"ms", std::round(ms.count() * 10) / 10}, {"ip", client_ip_}});
}

void http_session::do_read()
{
    parser_.emplace();
    request_method_.clear();
    request_path_.clear();
    request_id_ = 0;
    parser_->header_limit(static_cast<std::uint32_t>(app_.settings.max_http_header_bytes));
    parser_->body_limit(app_.settings.max_http_body_bytes);
    // One deadline for the whole request: a slow sender cannot hold the connection open.
    stream_.expires_after(app_.settings.http_timeout);
    beast::http::async_read(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(beast::error_code ec, std::size_t)
{
    namespace http = beast::http;
    request_started_ = std::chrono::steady_clock::now();
    if (ec == http::error::end_of_stream) return do_close();
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
        http_request placeholder;
        placeholder.version(11);
        app_.stats.error(ec == http::error::body_limit ? "http_body_too_large" : "http_header_too_large");
        auto response = json_error(placeholder, ec == http::error::body_limit ? http::status::payload_too_large
                                                                              : http::status::request_header_fields_too_large,
                                   "too_large", "The request is larger than this server accepts.");
        response.keep_alive(false);
        return send(std::move(response));
    }
    if (ec && ec.category() == http::make_error_code(http::error::bad_method).category()) {
        // A request Beast cannot parse gets a plain 400 rather than a silent hang-up.
        app_.stats.error("http_bad_request");
        http_request placeholder;
        placeholder.version(11);
        auto response = json_error(placeholder, http::status::bad_request, "bad_request", "The request is malformed.");
        response.keep_alive(false);
        return send(std::move(response));
    }
    if (ec) {
        if (ec == beast::error::timeout) app_.stats.error("http_timeout");
        else log_failure(ec, "http read");
        return;
    }

    auto request = parser_->release();
    note_request(request);
    if (refused_) {
        auto response = json_error(request, http::status::too_many_requests, "rate_limited",
                                   "Too many connections from your address. Please wait a moment.");
        response.keep_alive(false);
        return send(std::move(response));
    }
    if (beast::websocket::is_upgrade(request)) {
        if (request.target() != "/ws")
            return send(json_error(request, http::status::not_found, "not_found", "The chat socket is at /ws."));
        const std::string origin(request[http::field::origin]);
        if (!is_origin_allowed(origin, request[http::field::host], app_.settings.allowed_origins) &&
            !app_.sites.allows_origin(origin)) {
            app_.stats.error("origin_not_allowed");
            auto response = json_error(request, http::status::forbidden, "origin_not_allowed",
                                       "This site is not allowed to open the chat.");
            response.keep_alive(false);
            return send(std::move(response));
        }
        if (!app_.limiter.acquire_socket(client_ip_)) {
            app_.stats.error("too_many_chats");
            auto response = json_error(request, http::status::too_many_requests, "too_many_connections",
                                       "Too many chats are open from your address.");
            response.keep_alive(false);
            return send(std::move(response));
        }
        std::make_shared<websocket_session>(std::move(stream_), app_, client_ip_)->run(std::move(request));
        return;
    }
    if (request.method() == http::verb::get && request.target() == "/api/v1/live") {
        if (auto refusal = app_.router.refuse_unless_admin(request)) return send(std::move(*refusal));
        return app_.live.subscribe(std::move(stream_));   // the feed owns the connection from here
    }
    // The request outlives this call when its answer is computed on the background thread.
    auto owned = std::make_shared<http_request>(std::move(request));
    auto routed = app_.router.route(*owned);
    if (routed.response) return send(std::move(*routed.response));
    boost::asio::post(app_.background, [self = shared_from_this(), owned, work = std::move(routed.background)] {
        auto response = work();
        boost::asio::post(self->stream_.get_executor(),
                          [self, response = std::move(response)]() mutable { self->send(std::move(response)); });
    });
}

void http_session::send(http_response response)
{
    if (request_id_ == 0) request_id_ = ++last_request_id;
    response.set("X-Request-Id", std::to_string(request_id_));
    log_request(response);
    response_ = std::make_shared<http_response>(std::move(response));
    const bool keep_alive = response_->keep_alive();
    beast::http::async_write(stream_, *response_,
                             beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
}

void http_session::on_write(bool keep_alive, beast::error_code ec, std::size_t)
{
    if (ec) return log_failure(ec, "http write");
    if (!keep_alive) return do_close();
    response_.reset();
    do_read();
}

void http_session::do_close()
{
    // Closing with unread input makes the kernel send a reset, which can destroy our answer (a 413, say)
    // before the client reads it; the lingering teardown reads and drops what the client still sends.
    async_teardown(beast::role_type::server, stream_, [self = shared_from_this()](beast::error_code) {});
}

}  // namespace opinia::server
