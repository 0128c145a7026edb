// origin_policy: exact, case-insensitive comparison of serialized origins.
#include "server/origin_policy.hpp"
#include <algorithm>
#include <cctype>

namespace opinia::server {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out;
}

}  // namespace

bool is_origin_allowed(std::string_view origin, std::string_view host, const std::vector<std::string>& allowed)
{
    if (origin.empty()) return true;
    const auto wanted = lower(origin);
    if (!host.empty() && (wanted == "http://" + lower(host) || wanted == "https://" + lower(host)))
        return true;
    return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) { return lower(a) == wanted; });
}

bool is_serialized_origin(std::string_view text)
{
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos || text.size() > 300) return false;
    const auto scheme = text.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return false;
    const auto host = text.substr(scheme_end + 3);
    return !host.empty() && host.find_first_of("/?#@ \t\r\n") == std::string_view::npos;
}

}  // namespace opinia::server
