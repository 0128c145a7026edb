// app_state: what every session shares — settings, flows, the engine, the store and the routes.
#pragma once
#include <functional>
#include <memory>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include "bot/conversation_engine.hpp"
#include "bot/flow_catalog.hpp"
#include "server/chat_service.hpp"
#include "server/connection_registry.hpp"
#include "server/http_router.hpp"
#include "server/live_feed.hpp"
#include "server/ip_limiter.hpp"
#include "server/route_table.hpp"
#include "server/server_settings.hpp"
#include "server/server_stats.hpp"
#include "server/static_files.hpp"
#include "server/webhook_dispatcher.hpp"
#include "store/admin_session_store.hpp"
#include "store/answer_writer.hpp"
#include "store/database.hpp"
#include "store/invite_store.hpp"
#include "store/key_store.hpp"
#include "store/metrics_query.hpp"
#include "store/response_listing.hpp"
#include "store/response_store.hpp"
#include "store/site_store.hpp"
#include "store/webhook_store.hpp"

namespace opinia::server {

// Lives as long as the server runs; all of it is used from the io_context's one thread, except
// the answer_writer and the webhook dispatcher, which own their threads and database connections,
// and the background routes (see `background`).
struct app_state {
    app_state(boost::asio::io_context& ioc, server_settings settings, const bot::flow_catalog& flows);

    server_settings settings;
    const bot::flow_catalog& flows;
    bot::conversation_engine engine;
    store::database read_db;
    store::answer_writer writer;
    store::key_store keys;
    store::admin_session_store admin_sessions;
    store::metrics_query metrics;
    store::invite_store invites;
    store::site_store sites;
    store::response_listing listing;
    store::response_store responses;   // transcripts (the writer keeps its own)
    store::webhook_store webhooks;
    static_files files;
    route_table routes;   // filled in the constructor by each area's add_*_routes
    http_router router;
    chat_service chat;
    live_feed live;                   // GET /api/v1/live: server-sent events of stored answers
    ip_limiter limiter;               // per-IP connection and message rates, chat sockets at once
    connection_registry connections;  // open sockets, for shutdown and /metrics
    server_stats stats;               // counters behind GET /metrics
    webhook_dispatcher dispatcher;    // its own thread and connection: delivers the webhook outbox
    // One thread for the routes marked route_thread::background (metric views): they read with their
    // own connection, so a view over millions of answers never holds up a chat.
    boost::asio::thread_pool background{1};
    std::function<void()> interrupt_background;  // shutdown: the running view's queries fail at once
};

std::int64_t system_now_ms();

}  // namespace opinia::server
