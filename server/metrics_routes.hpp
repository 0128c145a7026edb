// metrics_routes: the API routes of every metric view, comments, journey events and customers.
#pragma once
#include <functional>
#include "bot/flow_catalog.hpp"
#include "server/route_table.hpp"
#include "store/metrics_query.hpp"

namespace opinia::server {

// What the server does with the views' background thread beyond routing to it.
struct metrics_background {
    // A job for the background thread: fills the views' caches before the first admin asks (over
    // millions of answers that takes a minute).
    std::function<void()> warm_up;
    // Callable from any thread: makes the views' running queries fail at once, so a shutdown does not
    // wait for a cache load. Reading only, an interrupted view loses nothing.
    std::function<void()> interrupt;
};

metrics_background add_metrics_routes(route_table& routes, store::metrics_query& metrics, const bot::flow_catalog& flows);

}  // namespace opinia::server
