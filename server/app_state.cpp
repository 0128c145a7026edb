// app_state: wires the components together in dependency order.
#include "server/app_state.hpp"
#include <boost/asio/post.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include "server/admin_login_routes.hpp"
#include "server/json_response.hpp"
#include "server/invite_routes.hpp"
#include "server/key_routes.hpp"
#include "server/metrics_routes.hpp"
#include "server/response_routes.hpp"
#include "server/site_routes.hpp"
#include "server/webhook_routes.hpp"

namespace opinia::server {

std::int64_t system_now_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {

// The document is read once; a build without it answers 404 rather than failing to start.
void add_openapi_route(route_table& routes, const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    auto document = std::make_shared<const std::string>(in ? text.str() : "");
    routes.add(http::verb::get, "/api/v1/openapi.json", route_access::open, [document](const api_call& call) {
        if (document->empty())
            return json_error(call.request, http::status::not_found, "not_found", "This build has no OpenAPI document.");
        return make_response(call.request, http::status::ok, *document, "application/json");
    });
}

}  // namespace

app_state::app_state(boost::asio::io_context& ioc, server_settings s, const bot::flow_catalog& f)
    : settings(std::move(s)),
      flows(f),
      engine(flows, settings.engine),
      read_db(store::database_settings{settings.db_path}),
      writer(store::database_settings{settings.db_path}, store::writer_settings{}),
      keys(read_db),
      admin_sessions(read_db),
      metrics(read_db),
      invites(read_db),
      sites(read_db),
      listing(read_db),
      responses(read_db),
      webhooks(read_db),
      files(settings.web_root),
      router(routes, keys, files, system_now_ms),
      chat(ioc, engine, writer, read_db, system_now_ms),
      live(ioc, read_db),
      limiter(settings.per_ip),
      dispatcher(store::database_settings{settings.db_path}, settings.webhooks, system_now_ms)
{
    chat.observe(stats);
    chat.on_events_queued([this] { dispatcher.wake(); });
    router.add_page("/metrics", [this](const http_request& request) {
        auto text = stats.prometheus_text({
            {"opinia_chat_connections", "Chat WebSockets open now.", double(connections.open_chats())},
            {"opinia_http_connections", "HTTP connections open now (not upgraded).", double(connections.open_http())},
            {"opinia_conversations_live", "Conversations held in memory now.", double(chat.live_count())},
            {"opinia_writer_in_flight", "Writes handed to the group-commit writer, not yet committed.",
             double(chat.in_flight())},
        });
        return make_response(request, http::status::ok, std::move(text), "text/plain; version=0.0.4; charset=utf-8");
    });
    auto metrics_jobs = add_metrics_routes(routes, metrics, flows);
    interrupt_background = std::move(metrics_jobs.interrupt);
    boost::asio::post(background, std::move(metrics_jobs.warm_up));
    add_invite_routes(routes, invites, flows, settings.invites, system_now_ms);
    add_key_routes(routes, keys, system_now_ms);
    add_site_routes(routes, sites, system_now_ms);
    add_response_routes(routes, listing, responses);
    add_webhook_routes(routes, webhooks, system_now_ms);
    add_openapi_route(routes, settings.openapi_path);
    add_admin_login_routes(routes, admin_sessions, keys, system_now_ms);
    router.add_vendor_file("/assets/vendor/chart.umd.js",
                           std::filesystem::path(settings.node_modules_dir) / "chart.js/dist/chart.umd.js");
    router.accept_sessions([this](const http_request& request) {
        return authenticate_admin_cookie(request, admin_sessions, system_now_ms());
    });
}

}  // namespace opinia::server
