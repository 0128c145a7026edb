// chat_load_client: start, then answer every ask (scale: its maximum, text: a comment, choice: the first
// option) until done. A step's latency runs from its send (or scheduled) time to the next ask or done.
#include "chat_load_client.hpp"
#include <nlohmann/json.hpp>

namespace opinia::bench {

namespace beast = boost::beast;

chat_load_client::chat_load_client(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint server, load_run& run)
    : ws_(ioc), server_(server), run_(run)
{
}

void chat_load_client::connect(bool then_idle)
{
    then_idle_ = then_idle;
    beast::get_lowest_layer(ws_).async_connect(server_, beast::bind_front_handler(&chat_load_client::on_connect, shared_from_this()));
}

void chat_load_client::on_connect(beast::error_code ec)
{
    if (ec) return fail();
    beast::get_lowest_layer(ws_).socket().set_option(boost::asio::ip::tcp::no_delay(true));
    ws_.async_handshake("127.0.0.1:" + std::to_string(server_.port()), "/ws",
                        beast::bind_front_handler(&chat_load_client::on_handshake, shared_from_this()));
}

void chat_load_client::on_handshake(beast::error_code ec)
{
    if (ec) return fail();
    open_ = true;
    ++run_.connected;
    if (then_idle_) run_.on_idle(shared_from_this());
    do_read();  // also for idle connections: the server's pings are answered while reading
}

void chat_load_client::begin(bench_clock::time_point scheduled)
{
    in_conversation_ = true;
    step_started_ = scheduled;
    send(nlohmann::json{{"type", "start"}, {"flow", run_.flow}, {"locale", "en"}}.dump());
}

void chat_load_client::send(std::string text)
{
    out_ = std::move(text);
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(out_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) self->fail();
    });
}

void chat_load_client::do_read()
{
    ws_.async_read(buffer_, beast::bind_front_handler(&chat_load_client::on_read, shared_from_this()));
}

void chat_load_client::on_read(beast::error_code ec, std::size_t)
{
    if (ec) return fail();
    const auto message = nlohmann::json::parse(beast::buffers_to_string(buffer_.data()), nullptr, false);
    buffer_.consume(buffer_.size());
    const auto type = message.is_object() ? message.value("type", "") : "";
    if (type == "ask" || type == "done") {
        const auto now = bench_clock::now();
        if (run_.measuring)
            run_.step_latency_ms.push_back(std::chrono::duration<double, std::milli>(now - step_started_).count());
        if (type == "done") {
            in_conversation_ = false;
            if (run_.measuring) ++run_.completed;
            do_read();
            return run_.on_idle(shared_from_this());
        }
        nlohmann::json answer{{"type", "answer"}, {"id", "a" + std::to_string(++answer_no_)}, {"step", message["step"]}};
        const auto& input = message["input"];
        if (input.value("kind", "") == "scale") answer["text"] = std::to_string(input["max"].get<int>());
        else if (input.value("kind", "") == "choice") answer["value"] = input["options"][0]["value"];
        else answer["text"] = "Quick and friendly, thank you";
        step_started_ = now;
        send(answer.dump());
    } else if (type == "error" || type == "retry") {
        ++run_.failed;
    }
    do_read();
}

void chat_load_client::fail()
{
    if (open_ && !run_.stopping) ++run_.failed;
    if (!open_ && !run_.stopping) ++run_.failed;
    open_ = false;
    in_conversation_ = false;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

}  // namespace opinia::bench
