// chat_load_client: one WebSocket connection running scripted chat protocol v1 conversations, asynchronously.
#pragma once
#include <memory>
#include <string>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include "load_run.hpp"

namespace opinia::bench {

class chat_load_client : public std::enable_shared_from_this<chat_load_client> {
public:
    chat_load_client(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint server, load_run& run);

    // Connects and upgrades; then tells the run it is idle (`then_idle`), or just stays open (idle soak).
    void connect(bool then_idle);
    // Starts a conversation that was due at `scheduled`: its first step's latency counts from then.
    void begin(bench_clock::time_point scheduled);
    bool is_open() const { return open_; }

private:
    void on_connect(boost::beast::error_code ec);
    void on_handshake(boost::beast::error_code ec);
    void do_read();
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    void send(std::string text);
    void fail();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::asio::ip::tcp::endpoint server_;
    load_run& run_;
    boost::beast::flat_buffer buffer_;
    std::string out_;                 // the one message being written (the script waits for replies)
    bench_clock::time_point step_started_;
    bool then_idle_ = false;
    bool open_ = false;
    bool in_conversation_ = false;
    int answer_no_ = 0;
};

}  // namespace opinia::bench
