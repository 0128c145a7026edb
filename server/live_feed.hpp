// live_feed: GET /api/v1/live — server-sent events telling signed-in admin pages that answers were stored.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include "store/live_answer_query.hpp"

namespace opinia::server {

namespace beast = boost::beast;

struct live_feed_settings {
    std::chrono::milliseconds poll_interval{1000};   // how soon a stored answer reaches the pages
    std::chrono::seconds heartbeat{15};              // a comment line keeps proxies from closing an idle stream
    std::size_t max_subscribers = 64;
    std::size_t max_queued_events = 256;             // per stream; a reader this far behind is dropped
    int max_answers_per_poll = 500;
};

class live_feed;

// One open event stream: owns its socket, writes one event at a time from a bounded queue.
class live_feed_session : public std::enable_shared_from_this<live_feed_session> {
public:
    live_feed_session(beast::tcp_stream&& stream, live_feed& feed);
    void start();
    // Queues one event; false (and the stream is closed) when the reader has fallen too far behind.
    bool push(std::string event);
    void close();

private:
    void do_write();
    void on_write(beast::error_code ec, std::size_t bytes);
    void on_peer_read(beast::error_code ec, std::size_t bytes);

    beast::tcp_stream stream_;
    live_feed& feed_;
    std::deque<std::string> queue_;
    char peer_byte_ = 0;   // the client never sends; a read only tells us when it goes away
    bool closed_ = false;
};

// Finds answers stored since the last look (by the chat, the API or an import) and tells every stream.
// Reading the database rather than hooking the chat means no source of answers can be missed.
class live_feed {
public:
    live_feed(boost::asio::io_context& ioc, store::database& db, live_feed_settings settings = {});

    // Takes over a connection whose request was already authorized. Refuses (503) past max_subscribers.
    void subscribe(beast::tcp_stream&& stream);
    const live_feed_settings& settings() const { return settings_; }
    // Ends polling and lets go of the timer while the io_context still exists (it may be destroyed first).
    void stop();

private:
    void schedule();
    void poll();

    std::optional<boost::asio::steady_timer> timer_;   // empty once stopped
    store::live_answer_query answers_;
    live_feed_settings settings_;
    std::vector<std::weak_ptr<live_feed_session>> subscribers_;
    std::int64_t last_id_ = -1;   // -1: not read yet
    std::chrono::steady_clock::time_point last_sent_{};
};

}  // namespace opinia::server
