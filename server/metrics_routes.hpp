// metrics_routes: the API routes of every metric view, comments, journey events and customers.
#pragma once
#include "bot/flow_catalog.hpp"
#include "server/route_table.hpp"
#include "store/metrics_query.hpp"

namespace opinia::server {

void add_metrics_routes(route_table& routes, store::metrics_query& metrics, const bot::flow_catalog& flows);

}  // namespace opinia::server
