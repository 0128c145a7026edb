// webhook_receiver: Beast's synchronous server, one connection at a time on its own thread.
#include "integration/support/webhook_receiver.hpp"
#include <boost/algorithm/string/case_conv.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace opinia::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct webhook_receiver::impl {
    net::io_context ioc;
    tcp::acceptor acceptor{ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)};
    std::function<int(int)> status_for;
    mutable std::mutex mutex;
    std::vector<received_request> seen;
    std::atomic<bool> stopping{false};
    std::thread thread;

    void serve_one(tcp::socket socket)
    {
        beast::error_code ec;
        beast::flat_buffer buffer;
        http::request<http::string_body> request;
        http::read(socket, buffer, request, ec);
        if (ec) return;
        received_request r;
        r.target = std::string(request.target());
        for (const auto& field : request) r.headers[boost::algorithm::to_lower_copy(std::string(field.name_string()))] = std::string(field.value());
        r.body = request.body();
        {
            std::lock_guard lock(mutex);
            r.answered = status_for(static_cast<int>(seen.size()));
            seen.push_back(r);
        }
        http::response<http::string_body> response{static_cast<http::status>(r.answered), 11};
        response.body() = "{}";
        response.keep_alive(false);
        response.prepare_payload();
        http::write(socket, response, ec);
        socket.shutdown(tcp::socket::shutdown_both, ec);
    }
};

webhook_receiver::webhook_receiver(std::function<int(int)> status_for) : impl_(std::make_unique<impl>())
{
    impl_->status_for = std::move(status_for);
    impl_->thread = std::thread([this] {
        while (!impl_->stopping) {
            beast::error_code ec;
            tcp::socket socket(impl_->ioc);
            impl_->acceptor.accept(socket, ec);
            if (ec || impl_->stopping) return;
            impl_->serve_one(std::move(socket));
        }
    });
}

webhook_receiver::~webhook_receiver()
{
    impl_->stopping = true;
    // Wake the blocking accept with one last connection.
    beast::error_code ec;
    tcp::socket poke(impl_->ioc);
    poke.connect(impl_->acceptor.local_endpoint(), ec);
    impl_->thread.join();
}

std::string webhook_receiver::url(const std::string& path) const
{
    return "http://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) + path;
}

std::vector<received_request> webhook_receiver::requests() const
{
    std::lock_guard lock(impl_->mutex);
    return impl_->seen;
}

bool webhook_receiver::wait_for(const std::function<bool(const std::vector<received_request>&)>& done,
                                std::chrono::milliseconds timeout) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done(requests())) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done(requests());
}

}  // namespace opinia::testing
