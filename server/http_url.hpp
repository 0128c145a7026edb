// http_url: an http:// or https:// address split into what a client connects to and what it asks for.
#pragma once
#include <optional>
#include <string>

namespace opinia::server {

struct http_url {
    bool tls = false;
    std::string host;   // without brackets for IPv6 literals
    std::string port;   // "80" / "443" when the address names none
    std::string target; // path and query, at least "/"
};

// Nothing when `text` is not an absolute http(s) URL with a host (user info and fragments are refused).
std::optional<http_url> parse_http_url(const std::string& text);

}  // namespace opinia::server
