// webhook_routes: /api/v1/webhooks — admins subscribe URLs to events and read each one's delivery log.
#pragma once
#include <functional>
#include "server/route_table.hpp"
#include "store/webhook_store.hpp"

namespace opinia::server {

void add_webhook_routes(route_table& routes, store::webhook_store& webhooks, std::function<std::int64_t()> now_ms);

}  // namespace opinia::server
