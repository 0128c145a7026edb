// ip_limiter: per-IP budgets — new connections and chat messages per second, chat sockets open at once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace opinia::server {

struct ip_limits {
    double connections_per_second = 100;  // sustained rate of new TCP connections from one address
    double connection_burst = 200;        // how many may arrive at once
    double messages_per_second = 200;     // chat frames from one address, all its sockets together
    double message_burst = 400;
    std::size_t max_open_sockets = 1000;  // chat sockets (one conversation each) open at once from one address
};

// No clock of its own and no sockets: callers pass the time, so the budgets are testable.
class ip_limiter {
public:
    explicit ip_limiter(ip_limits limits) : limits_(limits) {}

    // True when `ip` may open another connection now (and counts it).
    bool allow_connection(const std::string& ip, std::int64_t now_ms);
    // True when `ip` may send another chat frame now (and counts it).
    bool allow_message(const std::string& ip, std::int64_t now_ms);
    // Takes one of `ip`'s chat socket places; false when all are taken. release_socket gives it back.
    bool acquire_socket(const std::string& ip);
    void release_socket(const std::string& ip);

    // Forgets addresses whose buckets are full again and that hold no socket, so the map stays small.
    void forget_idle(std::int64_t now_ms);
    std::size_t tracked_addresses() const { return entries_.size(); }

private:
    struct bucket {
        double tokens = -1;  // -1: never used, starts full
        std::int64_t at_ms = 0;
        bool take(double rate, double burst, std::int64_t now_ms);
        bool is_full(double rate, double burst, std::int64_t now_ms) const;
    };
    struct entry {
        bucket connections;
        bucket messages;
        std::size_t open_sockets = 0;
    };

    ip_limits limits_;
    std::unordered_map<std::string, entry> entries_;
};

}  // namespace opinia::server
