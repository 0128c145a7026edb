// site_routes: /api/v1/sites — admins register the sites that embed the widget (public key, secret, origins).
#pragma once
#include <functional>
#include "server/route_table.hpp"
#include "store/site_store.hpp"

namespace opinia::server {

void add_site_routes(route_table& routes, store::site_store& sites, std::function<std::int64_t()> now_ms);

}  // namespace opinia::server
