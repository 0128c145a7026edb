// server_settings: every limit and timeout of the server, as one value with its defaults.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>
#include "bot/conversation_engine.hpp"
#include "server/invite_policy.hpp"
#include "server/ip_limiter.hpp"
#include "server/webhook_dispatcher.hpp"

namespace opinia::server {

struct server_settings {
    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 8080;
    std::string db_path = "opinia.db";
    std::string web_root;    // folder with index.html, widget.js, admin.html …
    std::string node_modules_dir;   // npm packages the admin page uses (Chart.js), from package-lock.json
    std::string openapi_path;   // the OpenAPI document served at /api/v1/openapi.json
    std::string flows_dir;   // shipped flows; extra_flows_dir may add or override versions
    std::string extra_flows_dir;

    // Origins (scheme://host[:port]) allowed to open the chat WebSocket besides the server's own.
    std::vector<std::string> allowed_origins;

    std::size_t max_ws_message_bytes = 64 * 1024;
    std::size_t max_http_body_bytes = 1024 * 1024;
    std::size_t max_http_header_bytes = 8 * 1024;
    std::size_t max_ws_write_queue = 64;        // messages waiting to be sent on one socket
    std::chrono::seconds http_timeout{30};       // to read one request (headers and body)
    std::chrono::seconds ws_handshake_timeout{10};
    std::chrono::seconds ws_idle_timeout{300};   // no frame and no pong for this long closes the socket
    std::chrono::seconds sweep_interval{60};     // how often idle conversations are expired and evicted
    // SIGTERM: time for in-flight commits, then for sockets to finish their close handshake (10 s in all).
    std::chrono::milliseconds shutdown_commit_grace{6000};
    std::chrono::milliseconds shutdown_close_grace{2000};

    ip_limits per_ip;   // connections and chat messages per second, chat sockets at once, per client address

    bot::engine_settings engine;
    invite_settings invites;   // expiry, throttling and sampling of agents' invites
    webhook_settings webhooks; // delivery timeout and retry schedule
};

}  // namespace opinia::server
