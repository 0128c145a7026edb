// live_feed: a raw HTTP/1.1 response that never ends (text/event-stream), fed by a polling timer.
#include "server/live_feed.hpp"
#include <algorithm>
#include <boost/asio/write.hpp>
#include <date/date.h>
#include <nlohmann/json.hpp>
#include "server/server_log.hpp"

namespace opinia::server {

namespace {

// The body is delimited by closing the connection, so no length and no chunking are needed.
constexpr std::string_view stream_head =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/event-stream; charset=utf-8\r\n"
    "Cache-Control: no-store\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Accel-Buffering: no\r\n"
    "Connection: close\r\n"
    "\r\n"
    "retry: 3000\n\n";

constexpr std::string_view busy_response =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: application/json\r\n"
    "Retry-After: 30\r\n"
    "Content-Length: 84\r\n"
    "Connection: close\r\n"
    "\r\n"
    "{\"error\":{\"code\":\"busy\",\"message\":\"Too many live feeds are open; polling is fine.\"}}";

std::string answer_event(const store::new_answer& a)
{
    const nlohmann::json data{
        {"id", a.id}, {"conversation", a.conversation_id}, {"flow", a.flow}, {"step", a.step},
        {"type", a.question_type}, {"value", a.value ? nlohmann::json(*a.value) : nlohmann::json(nullptr)},
        {"skipped", a.skipped},
        {"created_at", date::format("%FT%TZ", date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{a.created_at_ms}})}};
    return "id: " + std::to_string(a.id) + "\nevent: answer\ndata: " + data.dump() + "\n\n";
}

}  // namespace

live_feed_session::live_feed_session(beast::tcp_stream&& stream, live_feed& feed)
    : stream_(std::move(stream)), feed_(feed)
{
}

void live_feed_session::start()
{
    stream_.expires_never();   // an event stream stays open; heartbeats show it is alive
    push(std::string(stream_head));
    stream_.socket().async_read_some(boost::asio::buffer(&peer_byte_, 1),
                                     beast::bind_front_handler(&live_feed_session::on_peer_read, shared_from_this()));
}

bool live_feed_session::push(std::string event)
{
    if (closed_) return false;
    if (queue_.size() >= feed_.settings().max_queued_events) {
        close();
        return false;
    }
    queue_.push_back(std::move(event));
    if (queue_.size() == 1) do_write();
    return true;
}

void live_feed_session::do_write()
{
    boost::asio::async_write(stream_.socket(), boost::asio::buffer(queue_.front()),
                             beast::bind_front_handler(&live_feed_session::on_write, shared_from_this()));
}

void live_feed_session::on_write(beast::error_code ec, std::size_t)
{
    if (ec) return close();
    queue_.pop_front();
    if (!queue_.empty() && !closed_) do_write();
}

void live_feed_session::on_peer_read(beast::error_code, std::size_t)
{
    // Anything from the client, or its going away, ends the stream; EventSource reconnects by itself.
    close();
}

void live_feed_session::close()
{
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
}

live_feed::live_feed(boost::asio::io_context& ioc, store::database& db, live_feed_settings settings)
    : timer_(std::in_place, ioc), answers_(db), settings_(settings)
{
}

void live_feed::stop()
{
    timer_.reset();
    subscribers_.clear();
}

void live_feed::subscribe(beast::tcp_stream&& stream)
{
    std::erase_if(subscribers_, [](const auto& s) { return s.expired(); });
    if (subscribers_.size() >= settings_.max_subscribers) {
        auto refused = std::make_shared<std::string>(busy_response);
        auto socket = std::make_shared<beast::tcp_stream>(std::move(stream));
        boost::asio::async_write(socket->socket(), boost::asio::buffer(*refused),
                                 [refused, socket](beast::error_code, std::size_t) {
                                     beast::error_code ec;
                                     socket->socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
                                 });
        return;
    }
    auto session = std::make_shared<live_feed_session>(std::move(stream), *this);
    session->start();
    const bool idle = subscribers_.empty();
    subscribers_.push_back(session);
    if (last_id_ < 0) last_id_ = answers_.latest_id();
    if (idle) schedule();
}

void live_feed::schedule()
{
    if (!timer_) return;
    timer_->expires_after(settings_.poll_interval);
    timer_->async_wait([this](beast::error_code ec) {
        if (ec) return;
        poll();
    });
}

void live_feed::poll()
{
    std::erase_if(subscribers_, [](const auto& s) { return s.expired(); });
    if (subscribers_.empty()) {
        last_id_ = -1;   // nobody listens: stop reading until someone does
        return;
    }
    std::string events;
    try {
        for (const auto& a : answers_.after(last_id_, settings_.max_answers_per_poll)) {
            events += answer_event(a);
            last_id_ = a.id;
        }
    } catch (const std::exception& e) {
        log_event("error", "live_feed_read_failed", {{"error", e.what()}});
    }
    const auto now = std::chrono::steady_clock::now();
    if (events.empty() && now - last_sent_ >= settings_.heartbeat) events = ": heartbeat\n\n";
    if (!events.empty()) {
        last_sent_ = now;
        for (const auto& weak : subscribers_)
            if (auto s = weak.lock()) s->push(events);
    }
    schedule();
}

}  // namespace opinia::server
