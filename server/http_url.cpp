// http_url: only what webhooks need; anything unusual is refused rather than guessed.
#include "server/http_url.hpp"
#include <algorithm>
#include <cctype>

namespace opinia::server {

std::optional<http_url> parse_http_url(const std::string& text)
{
    constexpr std::size_t max_url_bytes = 2000;
    if (text.size() > max_url_bytes) return std::nullopt;
    if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; }))
        return std::nullopt;
    http_url url;
    std::string rest;
    if (text.rfind("http://", 0) == 0) {
        rest = text.substr(7);
        url.port = "80";
    } else if (text.rfind("https://", 0) == 0) {
        rest = text.substr(8);
        url.tls = true;
        url.port = "443";
    } else {
        return std::nullopt;
    }
    if (rest.find('#') != std::string::npos) return std::nullopt;
    const auto path_start = rest.find_first_of("/?");
    auto authority = rest.substr(0, path_start);
    url.target = path_start == std::string::npos ? "/" : rest.substr(path_start);
    if (url.target[0] == '?') url.target.insert(0, "/");
    if (authority.empty() || authority.find('@') != std::string::npos) return std::nullopt;

    std::string port;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string::npos) return std::nullopt;
        url.host = authority.substr(1, close - 1);
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::nullopt;
            port = after.substr(1);
        }
    } else {
        const auto colon = authority.find(':');
        url.host = authority.substr(0, colon);
        if (colon != std::string::npos) port = authority.substr(colon + 1);
    }
    if (url.host.empty()) return std::nullopt;
    if (!port.empty() || authority.back() == ':') {
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit)) return std::nullopt;
        const auto number = std::stoi(port);
        if (number < 1 || number > 65535) return std::nullopt;
        url.port = std::to_string(number);
    }
    return url;
}

}  // namespace opinia::server
