// origin_policy: which web pages may open the chat WebSocket (guards against cross-site WebSocket hijacking).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace opinia::server {

// A browser page may connect when its Origin is the server's own (scheme://Host) or listed in `allowed`.
// A request without Origin comes from no browser page and is let through: it carries no victim's cookies.
bool is_origin_allowed(std::string_view origin, std::string_view host, const std::vector<std::string>& allowed);

// An origin as a browser sends it: http or https, "://", a host with an optional port, no path.
bool is_serialized_origin(std::string_view text);

}  // namespace opinia::server
