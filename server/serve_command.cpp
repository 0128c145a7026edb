// serve_command: start-up, the io loop, periodic sweeps and graceful shutdown.
#include "server/serve_command.hpp"
#include <functional>
#include <memory>
#include <iostream>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include "server/listener.hpp"
#include "server/server_log.hpp"

namespace opinia::server {

namespace {

void schedule_sweep(boost::asio::steady_timer& timer, app_state& app)
{
    timer.expires_after(app.settings.sweep_interval);
    timer.async_wait([&timer, &app](boost::beast::error_code ec) {
        if (ec) return;
        app.chat.sweep();
        app.limiter.forget_idle(system_now_ms());
        schedule_sweep(timer, app);
    });
}

// Polls every few milliseconds until `done()` or the deadline, then runs `next`.
void wait_then(boost::asio::steady_timer& timer, std::function<bool()> done,
               std::chrono::steady_clock::time_point deadline, std::function<void()> next)
{
    if (done() || std::chrono::steady_clock::now() >= deadline) return next();
    timer.expires_after(std::chrono::milliseconds(10));
    timer.async_wait([&timer, done = std::move(done), deadline, next = std::move(next)](boost::beast::error_code) mutable {
        wait_then(timer, std::move(done), deadline, std::move(next));
    });
}

}  // namespace

int run_server(const server_settings& settings)
{
    bot::flow_catalog flows;
    flows.load_directory(settings.flows_dir);
    if (!settings.extra_flows_dir.empty())
        flows.load_directory(settings.extra_flows_dir);

    // One io thread: chat state is touched by it alone; the answer writer has its own thread.
    // `app` is declared first so that it outlives the io_context: sessions still queued in it when it
    // is destroyed unregister themselves from app's registry and limiter.
    std::unique_ptr<app_state> app_holder;
    boost::asio::io_context ioc{1};
    app_holder = std::make_unique<app_state>(ioc, settings, flows);
    auto& app = *app_holder;
    const auto address = boost::asio::ip::make_address(settings.listen_host);
    auto server = std::make_shared<listener>(ioc, boost::asio::ip::tcp::endpoint{address, settings.listen_port}, app);
    server->run();

    boost::asio::steady_timer sweep_timer(ioc);
    schedule_sweep(sweep_timer, app);

    // SIGTERM: stop accepting, let the commits already handed to the writer finish and send their acks,
    // then close every chat socket with 1001 and wait for the close handshakes, all within the graces.
    boost::asio::steady_timer shutdown_timer(ioc);
    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](boost::beast::error_code ec, int signal) {
        if (ec) return;
        log_event("info", "shutdown", {{"signal", signal}, {"in_flight", app.chat.in_flight()},
                                       {"chats", app.connections.open_chats()}});
        server->stop();
        sweep_timer.cancel();
        app.chat.stop_taking_frames();
        const auto commits_deadline = std::chrono::steady_clock::now() + settings.shutdown_commit_grace;
        wait_then(shutdown_timer, [&app] { return app.chat.in_flight() == 0; }, commits_deadline, [&] {
            app.connections.close_all_chats(1001, "server is shutting down");
            const auto close_deadline = std::chrono::steady_clock::now() + settings.shutdown_close_grace;
            wait_then(shutdown_timer, [&app] { return app.connections.open_chats() == 0; }, close_deadline,
                      [&ioc] { ioc.stop(); });
        });
    });

    const auto endpoint = server->local_endpoint();
    std::cout << "listening on http://" << endpoint.address().to_string() << ':' << endpoint.port() << std::endl;
    log_event("info", "listening", {{"port", endpoint.port()}, {"db", settings.db_path}});
    ioc.run();
    // `app` outlives the io_context (queued sessions unregister from it when the io_context drops them),
    // so the io objects it owns must go now, while the io_context's services still exist.
    app.live.stop();
    app.background.stop();       // views not started are dropped
    app.interrupt_background();  // a view or cache load still running fails now; its answer is not sent
    app.background.join();
    app.dispatcher.stop();
    app.writer.stop();
    log_event("info", "stopped");
    return 0;
}

}  // namespace opinia::server
