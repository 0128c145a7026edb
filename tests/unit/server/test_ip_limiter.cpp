// ip_limiter: token buckets per address and chat socket places, with the time passed in.
#include <catch2/catch.hpp>
#include "server/ip_limiter.hpp"

using opinia::server::ip_limiter;
using opinia::server::ip_limits;

TEST_CASE("a burst is allowed, then the rate; other addresses are not affected", "[ip_limiter]")
{
    ip_limits limits;
    limits.connections_per_second = 2;
    limits.connection_burst = 3;
    ip_limiter limiter(limits);
    for (int i = 0; i < 3; ++i) CHECK(limiter.allow_connection("10.0.0.1", 1000));
    CHECK_FALSE(limiter.allow_connection("10.0.0.1", 1000));
    CHECK(limiter.allow_connection("10.0.0.2", 1000));
    CHECK_FALSE(limiter.allow_connection("10.0.0.1", 1400));  // 0.8 of a token back
    CHECK(limiter.allow_connection("10.0.0.1", 1500));         // one whole token after 500 ms
    CHECK_FALSE(limiter.allow_connection("10.0.0.1", 1500));
    for (int i = 0; i < 3; ++i) CHECK(limiter.allow_connection("10.0.0.1", 100000));  // never more than the burst
    CHECK_FALSE(limiter.allow_connection("10.0.0.1", 100000));
}

TEST_CASE("messages have their own budget", "[ip_limiter]")
{
    ip_limits limits;
    limits.messages_per_second = 1;
    limits.message_burst = 2;
    limits.connection_burst = 1;
    ip_limiter limiter(limits);
    CHECK(limiter.allow_connection("a", 0));
    CHECK(limiter.allow_message("a", 0));
    CHECK(limiter.allow_message("a", 0));
    CHECK_FALSE(limiter.allow_message("a", 0));
    CHECK(limiter.allow_message("a", 1000));
}

TEST_CASE("chat socket places are taken and given back; idle addresses are forgotten", "[ip_limiter]")
{
    ip_limits limits;
    limits.max_open_sockets = 2;
    ip_limiter limiter(limits);
    CHECK(limiter.acquire_socket("a"));
    CHECK(limiter.acquire_socket("a"));
    CHECK_FALSE(limiter.acquire_socket("a"));
    CHECK(limiter.acquire_socket("b"));
    limiter.release_socket("a");
    CHECK(limiter.acquire_socket("a"));
    limiter.release_socket("a");
    limiter.release_socket("a");
    limiter.release_socket("b");
    limiter.release_socket("b");  // more releases than takes do no harm
    limiter.allow_message("c", 0);
    CHECK(limiter.tracked_addresses() == 3);
    limiter.forget_idle(0);
    CHECK(limiter.tracked_addresses() == 1);  // "c" spent a token and has not refilled yet
    limiter.forget_idle(60000);
    CHECK(limiter.tracked_addresses() == 0);
}
