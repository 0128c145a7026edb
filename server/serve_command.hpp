// serve_command: runs the server until SIGTERM or SIGINT, then stops gracefully.
#pragma once
#include "server/server_settings.hpp"

namespace opinia::server {

// Returns the process exit status. Prints "listening on http://HOST:PORT" once connections are accepted.
int run_server(const server_settings& settings);

}  // namespace opinia::server
