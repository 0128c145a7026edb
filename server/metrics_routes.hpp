// metrics_routes: the API routes of every metric view, comments, journey events and customers.
#pragma once
#include <functional>
#include "bot/flow_catalog.hpp"
#include "server/route_table.hpp"
#include "store/metrics_query.hpp"

namespace opinia::server {

// Returns the warm-up: a job for the background thread that fills the views' caches before the
// first admin asks (over millions of answers that takes a minute).
std::function<void()> add_metrics_routes(route_table& routes, store::metrics_query& metrics, const bot::flow_catalog& flows);

}  // namespace opinia::server
