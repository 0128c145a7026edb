// ip_limiter: token buckets keyed by the client's address.
#include "server/ip_limiter.hpp"
#include <algorithm>

namespace opinia::server {

bool ip_limiter::bucket::take(double rate, double burst, std::int64_t now_ms)
{
    if (tokens < 0) {
        tokens = burst;
    } else {
        tokens = std::min(burst, tokens + rate * static_cast<double>(std::max<std::int64_t>(0, now_ms - at_ms)) / 1000.0);
    }
    at_ms = now_ms;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
}

bool ip_limiter::bucket::is_full(double rate, double burst, std::int64_t now_ms) const
{
    return tokens < 0 || tokens + rate * static_cast<double>(now_ms - at_ms) / 1000.0 >= burst;
}

bool ip_limiter::allow_connection(const std::string& ip, std::int64_t now_ms)
{
    return entries_[ip].connections.take(limits_.connections_per_second, limits_.connection_burst, now_ms);
}

bool ip_limiter::allow_message(const std::string& ip, std::int64_t now_ms)
{
    return entries_[ip].messages.take(limits_.messages_per_second, limits_.message_burst, now_ms);
}

bool ip_limiter::acquire_socket(const std::string& ip)
{
    auto& e = entries_[ip];
    if (e.open_sockets >= limits_.max_open_sockets) return false;
    ++e.open_sockets;
    return true;
}

void ip_limiter::release_socket(const std::string& ip)
{
    if (auto it = entries_.find(ip); it != entries_.end() && it->second.open_sockets > 0)
        --it->second.open_sockets;
}

void ip_limiter::forget_idle(std::int64_t now_ms)
{
    std::erase_if(entries_, [&](const auto& item) {
        const auto& e = item.second;
        return e.open_sockets == 0 &&
               e.connections.is_full(limits_.connections_per_second, limits_.connection_burst, now_ms) &&
               e.messages.is_full(limits_.messages_per_second, limits_.message_burst, now_ms);
    });
}

}  // namespace opinia::server
