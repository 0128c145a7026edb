// websocket_session: Beast's read / write-queue pattern with every limit taken from server_settings.
#include "server/websocket_session.hpp"
#include "server/server_log.hpp"

namespace opinia::server {

websocket_session::websocket_session(lingering_tcp_stream&& stream, app_state& app, std::string client_ip)
    : ws_(std::move(stream)), app_(app), chat_(app.chat), settings_(app.settings), client_ip_(std::move(client_ip))
{
}

websocket_session::~websocket_session()
{
    app_.connections.remove_chat(this);
    app_.limiter.release_socket(client_ip_);
}

void websocket_session::run(beast::http::request<beast::http::string_body> upgrade)
{
    beast::get_lowest_layer(ws_).expires_never();  // the websocket's own timeouts take over
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = settings_.ws_handshake_timeout;
    timeouts.idle_timeout = settings_.ws_idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    // Larger frames are refused with close 1009 before they are buffered.
    ws_.read_message_max(settings_.max_ws_message_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "opinia"); }));
    app_.connections.add_chat(this, weak_from_this());
    ws_.async_accept(upgrade, beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
}

void websocket_session::on_accept(beast::error_code ec)
{
    if (ec) return log_failure(ec, "websocket accept");
    do_read();
}

void websocket_session::do_read()
{
    if (closing_) return;
    ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec, std::size_t)
{
    if (ec) {
        // Beast already answered protocol faults (1007 bad UTF-8, 1009 too big); the conversation stays resumable.
        chat_.detach(*this);
        if (ec == websocket::error::message_too_big) app_.stats.error("message_too_big");
        else if (ec == websocket::error::bad_frame_payload) app_.stats.error("invalid_utf8");
        else if (ec == websocket::condition::protocol_violation) app_.stats.error("websocket_protocol_violation");
        if (ec != websocket::error::closed) log_failure(ec, "websocket read");
        return;
    }
    if (!ws_.got_text()) {
        buffer_.consume(buffer_.size());
        return close(websocket::close_code::unknown_data, "binary frames are not accepted");
    }
    const auto frame = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    // One address's budget covers all its sockets, so opening more sockets does not buy more messages.
    if (!app_.limiter.allow_message(client_ip_, system_now_ms())) {
        send({{"type", "error"}, {"code", "rate_limited"}, {"message", "Too many messages. Please slow down."}});
        return do_read();
    }
    auto self = shared_from_this();
    chat_.handle_frame(self, frame, [self] { self->do_read(); });
}

void websocket_session::send(const nlohmann::json& message)
{
    if (closing_) return;
    if (message.is_object() && message.value("type", "") == "error") app_.stats.error(message.value("code", "error"));
    if (queue_.size() >= settings_.max_ws_write_queue)
        return close(websocket::close_code::policy_error, "client is not reading");
    queue_.push_back(message.dump());
    if (!writing_) do_write();
}

void websocket_session::do_write()
{
    writing_ = true;
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(queue_.front()),
                    beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(beast::error_code ec, std::size_t)
{
    writing_ = false;
    if (ec) return log_failure(ec, "websocket write");
    queue_.pop_front();
    if (!queue_.empty()) return do_write();
    if (closing_) do_close();
}

void websocket_session::close(unsigned short code, const std::string& reason)
{
    if (closing_) return;
    closing_ = true;
    if (code > 1001 && code < 4000) app_.stats.error("close_" + std::to_string(code));
    close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
    // A close frame must not overtake a write in flight; on_write closes once the queue is empty.
    if (!writing_) do_close();
}

void websocket_session::do_close()
{
    queue_.clear();
    ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code) {});
}

}  // namespace opinia::server
